export function chromiumPath(): string;
export function extensionArgs(extensionPath: string): string[];
