export declare const releasedManifests: readonly string[];
export declare function setVersion(root: string, version: string): void;
