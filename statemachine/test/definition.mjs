// Loading, substituting and validating a state machine definition the way the deployment does.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const aslValidator = require('asl-validator');

/** The definition the SAM template deploys. */
export const DEFAULT_DEFINITION = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'wait-loop.asl.json');

const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;

/**
 * Replaces ${Name} placeholders as DefinitionSubstitutions would. A name without a value gets a
 * well-formed Lambda function ARN, so the definition can be validated and run without a stack.
 */
export function substitute(text, values = {}) {
  return text.replace(PLACEHOLDER, (_, name) =>
    Object.hasOwn(values, name) ? values[name] : `arn:aws:lambda:us-east-1:123456789012:function:${name}`);
}

/** Reads a definition file, substitutes its placeholders and parses it. */
export function loadDefinition(path = DEFAULT_DEFINITION, values = {}) {
  return JSON.parse(substitute(readFileSync(path, 'utf8'), values));
}

/** Runs asl-validator over a parsed definition; returns the error lines (empty when valid). */
export function validationErrors(definition) {
  const { isValid, errors } = aslValidator(definition);
  if (isValid) {
    return [];
  }
  return errors.map((error) => `${error['Error code']}: ${error.Message}`);
}
