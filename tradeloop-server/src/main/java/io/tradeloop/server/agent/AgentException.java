package io.tradeloop.server.agent;

/**
 * A command on an agent that cannot be carried out, with the kind of failure the API maps to a status
 * code (404, 409, 503, 400) and the request field it concerns.
 */
public final class AgentException extends RuntimeException {
    /** Why the command failed. */
    public enum Kind {
        /** No such agent for this user (also for another user's agent: its existence is not revealed). */
        NOT_FOUND,
        /** The agent's state forbids the command (e.g. config change while running). */
        CONFLICT,
        /** Something the agent needs is not available (market data, a brain's model). */
        UNAVAILABLE,
        /** A value of the request is invalid. */
        INVALID
    }

    private final Kind kind;
    private final String field;

    public AgentException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** The request field concerned, or null. */
    public String field() {
        return field;
    }
}
