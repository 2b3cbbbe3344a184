package io.tradeloop.server.agent;

/** The lifecycle of an agent's loop. ERROR carries a reason (in the status); it is left only by a new start. */
public enum AgentState {
    RUNNING, PAUSED, STOPPED, ERROR;

    /** True for the states in which the loop thread exists (restored after a server restart). */
    public boolean isActive() {
        return this == RUNNING || this == PAUSED;
    }
}
