package ca.archivium.dnscert.statemachine;

import com.fasterxml.jackson.databind.JsonNode;

/** One call of a Task state's function: the state's name and the payload the function received. */
public record Invocation(String state, JsonNode input) {
}
