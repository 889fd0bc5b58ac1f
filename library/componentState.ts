/**
 * What a component keeps between its constructor and `attach`, off the instance: Pulumi's
 * component analyzer makes every class property a schema output (provider/experimental
 * analyzer.js, `analyzeSymbols` over the class members), so only outputs live on it.
 */
export class ComponentState<Component extends object, State> {
  private readonly states = new WeakMap<Component, State>();

  constructor(private readonly componentName: string) {}

  set(component: Component, state: State): void {
    this.states.set(component, state);
  }

  get(component: Component): State {
    const state = this.states.get(component);
    if (!state) throw new Error(`${this.componentName}: used before its constructor finished`);
    return state;
  }
}
