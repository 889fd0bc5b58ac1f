declare module "asl-validator" {
  interface ValidationResult {
    isValid: boolean;
    errors: { message: string }[];
    errorsText(separator?: string): string;
  }
  /** Validates an Amazon States Language definition against the ASL JSON schemas. */
  function aslValidator(definition: unknown): ValidationResult;
  export = aslValidator;
}
