// Runs a state machine definition locally with aws-local-stepfunctions, every Task bound to an HTTP endpoint.
//
// Usage:
//   node run-execution.mjs --endpoint http://127.0.0.1:PORT [--definition FILE] [--input-file FILE]
//                          [--set Name=Value ...] [--wait-ms N]
//
// The execution input is read from --input-file, or from stdin when that is absent.
// Each Task invocation is a POST of the Lambda payload (for arn:aws:states:::lambda:invoke, what
// Parameters.Payload selects; for a function ARN resource, the effective input) to <endpoint>/<StateName>.
//   200 + JSON body      -> the function's return value (wrapped as lambda:invoke's {Payload, StatusCode,
//                           ExecutedVersion} when the Task uses the optimized integration)
//   other + {"errorType", "errorMessage"}
//                        -> a function error: Error = errorType, Cause = the JSON of the error body,
//                           as Step Functions reports a Lambda function error
//   other + {"serviceError", "cause"}
//                        -> the Lambda service refused the invocation (the function did not run):
//                           Error = serviceError (Lambda.<exception>), Cause = cause (the service's message)
// Wait states last --wait-ms milliseconds (default 5) and Retry intervals are zero, so loops run quickly.
//
// Prints one JSON object on stdout:
//   {status, output, error, cause, visitedStates, retriedStates}
// Exit status: 0 when the execution succeeded, 1 when it failed, 2 when the definition is invalid or
// the harness itself could not run (usage error, endpoint unreachable, malformed endpoint answer).
import './promise-with-resolvers.mjs';

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import { DEFAULT_DEFINITION, loadDefinition, validationErrors } from './definition.mjs';

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';

/**
 * A failure of the harness, not of the state machine. Neither Retry nor Catch may see it (the library
 * asks every error these two getters), so it ends the execution and the run exits with status 2.
 */
class HarnessError extends Error {
  get isRetryable() {
    return false;
  }

  get isCatchable() {
    return false;
  }
}

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      endpoint: { type: 'string' },
      definition: { type: 'string', default: DEFAULT_DEFINITION },
      'input-file': { type: 'string' },
      set: { type: 'string', multiple: true, default: [] },
      'wait-ms': { type: 'string', default: '5' },
    },
    strict: true,
  });
  if (!values.endpoint) {
    throw new HarnessError('--endpoint is required (the base URL the Task states are bound to)');
  }
  const substitutions = {};
  for (const pair of values.set) {
    const at = pair.indexOf('=');
    if (at < 1) {
      throw new HarnessError(`--set expects Name=Value, got: ${pair}`);
    }
    substitutions[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const waitMs = Number.parseInt(values['wait-ms'], 10);
  if (!(waitMs >= 0)) {
    throw new HarnessError(`--wait-ms expects a non-negative integer, got: ${values['wait-ms']}`);
  }
  return {
    endpoint: values.endpoint.replace(/\/+$/, ''),
    definitionPath: values.definition,
    inputText: readFileSync(values['input-file'] ?? 0, 'utf8'),
    substitutions,
    waitMs,
  };
}

function statesOfType(definition, type) {
  return Object.entries(definition.States).filter(([, state]) => state.Type === type);
}

/**
 * The error a failed invocation becomes in Step Functions. A function error is named by its errorType, its Cause the
 * error JSON; an error of the Lambda service is named Lambda.<exception>, its Cause the service's message. The
 * library matches Retry and Catch against the error's name and reports its message as the Cause.
 */
function functionError(stateName, status, text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HarnessError(`${stateName}: HTTP ${status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  if (typeof body?.serviceError === 'string') {
    if (!body.serviceError.startsWith('Lambda.') || typeof body.cause !== 'string') {
      throw new HarnessError(`${stateName}: a service error needs a Lambda.* name and a cause: ${text.slice(0, 200)}`);
    }
    const error = new Error(body.cause);
    error.name = body.serviceError;
    return error;
  }
  if (typeof body?.errorType !== 'string' || body.errorType === '') {
    throw new HarnessError(`${stateName}: HTTP ${status} without an errorType: ${text.slice(0, 200)}`);
  }
  const error = new Error(JSON.stringify(body));
  error.name = body.errorType;
  return error;
}

function taskHandler(endpoint, stateName, state) {
  const optimizedLambda = state.Resource === LAMBDA_INVOKE;
  return async (input) => {
    const payload = optimizedLambda ? input?.Payload ?? null : input;
    let response;
    let text;
    try {
      response = await fetch(`${endpoint}/${encodeURIComponent(stateName)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      text = await response.text();
    } catch (cause) {
      throw new HarnessError(`${stateName}: cannot reach ${endpoint}: ${cause.cause?.message ?? cause.message}`);
    }
    if (response.status !== 200) {
      throw functionError(stateName, response.status, text);
    }
    let result;
    try {
      result = text === '' ? null : JSON.parse(text);
    } catch {
      throw new HarnessError(`${stateName}: HTTP 200 with a body that is not JSON: ${text.slice(0, 200)}`);
    }
    if (optimizedLambda && state.Parameters?.InvocationType === 'Event') {
      // An asynchronous invocation: Lambda queues the event and answers 202 with an empty payload.
      return { Payload: '', StatusCode: 202 };
    }
    return optimizedLambda ? { ExecutedVersion: '1', Payload: result, StatusCode: 200 } : result;
  };
}

async function run(options) {
  const definition = loadDefinition(options.definitionPath, options.substitutions);
  const errors = validationErrors(definition);
  if (errors.length > 0) {
    throw new HarnessError(`invalid definition ${options.definitionPath}:\n  ${errors.join('\n  ')}`);
  }
  const input = JSON.parse(options.inputText);

  const taskResourceLocalHandlers = Object.fromEntries(
    statesOfType(definition, 'Task').map(([name, state]) => [name, taskHandler(options.endpoint, name, state)]));
  const waitTimeOverrides = Object.fromEntries(
    statesOfType(definition, 'Wait').map(([name]) => [name, options.waitMs]));
  const retryIntervalOverrides = Object.fromEntries(
    Object.entries(definition.States).filter(([, state]) => Array.isArray(state.Retry)).map(([name]) => [name, 0]));

  const stateMachine = new StateMachine(definition);
  const execution = stateMachine.run(input, {
    overrides: { taskResourceLocalHandlers, waitTimeOverrides, retryIntervalOverrides },
  });

  const visitedStates = [];
  const retriedStates = [];
  const collectEvents = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered') {
        visitedStates.push(event.state.name);
      } else if (event.type === 'StateRetried') {
        retriedStates.push(event.state.name);
      }
    }
  })();

  let report;
  try {
    const output = await execution.result;
    report = { status: 'SUCCEEDED', output, error: null, cause: null };
  } catch (failure) {
    if (!(failure instanceof ExecutionError)) {
      throw failure;
    }
    const reason = failure.cause ?? failure;
    if (reason instanceof HarnessError) {
      throw reason;
    }
    report = { status: 'FAILED', output: null, error: reason.name, cause: reason.message };
  }
  await collectEvents;
  return { ...report, visitedStates, retriedStates };
}

try {
  const report = await run(parseOptions(process.argv.slice(2)));
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exitCode = report.status === 'SUCCEEDED' ? 0 : 1;
} catch (error) {
  process.stderr.write(`run-execution: ${error instanceof HarnessError ? error.message : error.stack}\n`);
  process.exitCode = 2;
}
