package io.tradeloop.rl.classic;

import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.env.EnvSpec;
import io.tradeloop.rl.env.Masks;
import io.tradeloop.rl.env.ResumableEnv;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * Gymnasium's {@code CartPole-v1} (Barto, Sutton and Anderson 1983) ported exactly: Euler integration
 * with tau 0.02 s, force 10 N, reward 1 for every step including the last, termination when the pole
 * leans more than 12 degrees or the cart leaves +-2.4, truncation after 500 steps; the start state is
 * U(-0.05, 0.05) in all four variables. Observation {x, x_dot, theta, theta_dot}; actions 0 = push left,
 * 1 = push right; both are always allowed. The state is kept in double, the observation is float, as in
 * Gymnasium.
 */
public final class CartPole implements ResumableEnv {
    public static final double GRAVITY = 9.8;
    public static final double MASS_CART = 1.0;
    public static final double MASS_POLE = 0.1;
    public static final double TOTAL_MASS = MASS_CART + MASS_POLE;
    /** Half the pole's length. */
    public static final double LENGTH = 0.5;
    public static final double POLE_MASS_LENGTH = MASS_POLE * LENGTH;
    public static final double FORCE = 10.0;
    public static final double TAU = 0.02;
    public static final double THETA_LIMIT = 12 * 2 * Math.PI / 360;
    public static final double X_LIMIT = 2.4;
    public static final int MAX_STEPS = 500;

    private static final EnvSpec SPEC = new EnvSpec("cartpole", 4, List.of("LEFT", "RIGHT"));

    private final Rng rng;
    private double x;
    private double xDot;
    private double theta;
    private double thetaDot;
    private int steps;
    private boolean terminated;
    private boolean truncated;

    public CartPole(Rng rng) {
        this.rng = rng;
    }

    @Override
    public EnvSpec spec() {
        return SPEC;
    }

    @Override
    public void reset(float[] obs, int obsOffset, boolean[] mask, int maskOffset) {
        x = rng.uniform(-0.05, 0.05);
        xDot = rng.uniform(-0.05, 0.05);
        theta = rng.uniform(-0.05, 0.05);
        thetaDot = rng.uniform(-0.05, 0.05);
        steps = 0;
        terminated = false;
        truncated = false;
        write(obs, obsOffset, mask, maskOffset);
    }

    /** Sets the state directly (tests and demonstrations). */
    public void setState(double x, double xDot, double theta, double thetaDot) {
        this.x = x;
        this.xDot = xDot;
        this.theta = theta;
        this.thetaDot = thetaDot;
        steps = 0;
        terminated = false;
        truncated = false;
    }

    @Override
    public double step(int action, float[] obs, int obsOffset, boolean[] mask, int maskOffset) {
        Masks.requireAllowed(SPEC, ALL_ALLOWED, 0, action);
        double force = action == 1 ? FORCE : -FORCE;
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sin) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sin - cos * temp) / (LENGTH * (4.0 / 3.0 - MASS_POLE * cos * cos / TOTAL_MASS));
        double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cos / TOTAL_MASS;
        x += TAU * xDot;
        xDot += TAU * xAcc;
        theta += TAU * thetaDot;
        thetaDot += TAU * thetaAcc;
        steps++;
        terminated = x < -X_LIMIT || x > X_LIMIT || theta < -THETA_LIMIT || theta > THETA_LIMIT;
        truncated = !terminated && steps >= MAX_STEPS;
        write(obs, obsOffset, mask, maskOffset);
        return 1.0;
    }

    private static final boolean[] ALL_ALLOWED = {true, true};

    private void write(float[] obs, int off, boolean[] mask, int maskOff) {
        obs[off] = (float) x;
        obs[off + 1] = (float) xDot;
        obs[off + 2] = (float) theta;
        obs[off + 3] = (float) thetaDot;
        mask[maskOff] = true;
        mask[maskOff + 1] = true;
    }

    @Override
    public boolean terminated() {
        return terminated;
    }

    @Override
    public boolean truncated() {
        return truncated;
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        out.writeDouble(x);
        out.writeDouble(xDot);
        out.writeDouble(theta);
        out.writeDouble(thetaDot);
        out.writeInt(steps);
        out.writeBoolean(terminated);
        out.writeBoolean(truncated);
        for (long w : rng.state()) {
            out.writeLong(w);
        }
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        x = in.readDouble();
        xDot = in.readDouble();
        theta = in.readDouble();
        thetaDot = in.readDouble();
        steps = in.readInt();
        terminated = in.readBoolean();
        truncated = in.readBoolean();
        long[] s = new long[5];
        for (int i = 0; i < s.length; i++) {
            s[i] = in.readLong();
        }
        rng.restore(s);
    }
}
