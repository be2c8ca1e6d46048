// Validates state machine definitions with asl-validator.
// Usage: node validate.mjs [definition.asl.json ...]   (default: the deployed wait loop)
// Exit status: 0 when every definition is valid, 1 otherwise.
import { DEFAULT_DEFINITION, loadDefinition, validationErrors } from './definition.mjs';

const paths = process.argv.length > 2 ? process.argv.slice(2) : [DEFAULT_DEFINITION];
let invalid = 0;
for (const path of paths) {
  const errors = validationErrors(loadDefinition(path));
  if (errors.length === 0) {
    console.log(`valid: ${path}`);
  } else {
    invalid++;
    console.error(`invalid: ${path}\n  ${errors.join('\n  ')}`);
  }
}
process.exit(invalid === 0 ? 0 : 1);
