package io.tradeloop.rl.env;

/** Checks an action against a mask, with the error every environment gives for a forbidden action. */
public final class Masks {
    private Masks() {
    }

    /** Throws when {@code action} is outside [0, actions) or the mask forbids it. */
    public static void requireAllowed(EnvSpec spec, boolean[] mask, int maskOffset, int action) {
        int n = spec.actionCount();
        if (action < 0 || action >= n) {
            throw new IllegalArgumentException(spec.name() + ": action " + action + " is outside [0, " + (n - 1) + "]");
        }
        if (!mask[maskOffset + action]) {
            throw new IllegalArgumentException(spec.name() + ": action " + action + " (" + spec.actionNames().get(action)
                    + ") is not allowed by the current action mask");
        }
    }
}
