import { LicencePolicy } from "../helpers/licenceCheck";

/**
 * What the production dependencies of the program and of the pack may be licensed under. The
 * project is Apache-2.0 and companies run it and the pack in their CI: every licence here is
 * permissive (no copyleft, no condition on how the user's own code is licensed or served).
 */
export const LICENCE_POLICY: LicencePolicy = {
  allowed: [
    "MIT",
    "Apache-2.0",
    "ISC",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "0BSD",
    // Permissive, like MIT with an explicit patent grant (https://blueoakcouncil.org/license/1.0.0).
    "BlueOak-1.0.0",
    // A public-domain dedication.
    "CC0-1.0",
    // The PSF licence of argparse (via js-yaml): permissive, OSI-approved, no copyleft.
    "Python-2.0",
  ],
  exceptions: {
    "@logdna/tail-file": {
      license: "SEE LICENSE IN LICENSE",
      reason: "Its LICENSE file is the MIT licence text (read in node_modules/@logdna/tail-file).",
    },
    "spdx-exceptions": {
      license: "CC-BY-3.0",
      reason:
        "A data file (the SPDX exception list, via @pulumi/pulumi > @npmcli/arborist): " +
        "attribution only, no copyleft.",
    },
  },
};
