// asl-validator ships no types; this is the call the tests make.
declare module "asl-validator" {
  interface ValidationResult {
    isValid: boolean;
    errors: Array<{ message: string; [key: string]: unknown }>;
    errorsText(separator?: string): string;
  }
  export default function validator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): ValidationResult;
}
