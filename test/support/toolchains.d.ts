export interface Toolchain {
  readonly spec: string;
  readonly bin: string;
  readonly scripts: boolean;
}
export type ToolName = 'node24' | 'node22' | 'node20' | 'pnpm' | 'yarn' | 'bun';
export declare const toolchains: Record<ToolName, Toolchain>;
export declare function toolchainsRoot(): string;
export declare function installTool(name: ToolName): string;
