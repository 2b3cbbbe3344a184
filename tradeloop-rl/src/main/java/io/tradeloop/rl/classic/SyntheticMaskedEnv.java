package io.tradeloop.rl.classic;

import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.env.EnvSpec;
import io.tradeloop.rl.env.Masks;
import io.tradeloop.rl.env.ResumableEnv;
import io.tradeloop.rl.nn.ModularNetworkSpec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in with the funding environment's shapes, for testing and benchmarking the trainer and the
 * modular network before (and independently of) the real market: observations laid out as
 * {@link ModularNetworkSpec} (config | portfolio | execution slots | opportunity slots), actions
 * HOLD / ENTER slot x {SMALL, MEDIUM, LARGE} / EXIT slot, and a mask with the contract's shape (HOLD always;
 * ENTER for valid opportunities while an execution slot is free; EXIT for active slots). Each step
 * draws a fresh observation: each execution slot is active with probability 0.4, each opportunity valid
 * with probability 0.7, their features uniform in [-1, 1] after an is-active flag. The reward is learnable
 * but has no market meaning: ENTER earns the opportunity's second feature times 0.1/0.2/0.3 by size, EXIT
 * earns half the position's second feature, HOLD 0. Episodes last 168 steps (truncated).
 */
public final class SyntheticMaskedEnv implements ResumableEnv {
    public static final int EPISODE_STEPS = 168;
    private static final double[] SIZE = {0.1, 0.2, 0.3};

    private final ModularNetworkSpec layout;
    private final EnvSpec spec;
    private final Rng rng;
    private final float[] current;
    private final boolean[] mask;
    private int steps;
    private boolean truncated;

    public SyntheticMaskedEnv(ModularNetworkSpec layout, Rng rng) {
        int expected = 1 + 3 * layout.opportunitySlots() + layout.executionSlots();
        if (layout.actions() != expected) {
            throw new IllegalArgumentException("layout has " + layout.actions() + " actions, this environment needs 1 + 3 x "
                    + layout.opportunitySlots() + " + " + layout.executionSlots() + " = " + expected);
        }
        this.layout = layout;
        this.rng = rng;
        List<String> names = new ArrayList<>();
        names.add("HOLD");
        for (String size : new String[] {"SMALL", "MEDIUM", "LARGE"}) {
            for (int i = 1; i <= layout.opportunitySlots(); i++) {
                names.add("ENTER_" + i + "_" + size);
            }
        }
        for (int j = 1; j <= layout.executionSlots(); j++) {
            names.add("EXIT_" + j);
        }
        spec = new EnvSpec("synthetic-masked", layout.observationSize(), names);
        current = new float[layout.observationSize()];
        mask = new boolean[layout.actions()];
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public void reset(float[] obs, int obsOffset, boolean[] maskOut, int maskOffset) {
        steps = 0;
        truncated = false;
        draw();
        write(obs, obsOffset, maskOut, maskOffset);
    }

    @Override
    public double step(int action, float[] obs, int obsOffset, boolean[] maskOut, int maskOffset) {
        Masks.requireAllowed(spec, mask, 0, action);
        int opps = layout.opportunitySlots();
        double reward;
        if (action == 0) {
            reward = 0;
        } else if (action <= 3 * opps) {
            int size = (action - 1) / opps;
            int slot = (action - 1) % opps;
            reward = SIZE[size] * current[layout.opportunityOffset() + slot * layout.opportunityFeatures() + 1];
        } else {
            int slot = action - 1 - 3 * opps;
            reward = 0.5 * current[layout.executionOffset() + slot * layout.executionFeatures() + 1];
        }
        steps++;
        truncated = steps >= EPISODE_STEPS;
        draw();
        write(obs, obsOffset, maskOut, maskOffset);
        return reward;
    }

    private void draw() {
        int n = current.length;
        java.util.Arrays.fill(current, 0f);
        for (int k = 0; k < layout.executionOffset(); k++) {
            current[k] = (float) rng.nextDouble();
        }
        java.util.Arrays.fill(mask, false);
        mask[0] = true;
        boolean free = false;
        for (int s = 0; s < layout.executionSlots(); s++) {
            int off = layout.executionOffset() + s * layout.executionFeatures();
            boolean active = rng.nextDouble() < 0.4;
            free |= !active;
            mask[1 + 3 * layout.opportunitySlots() + s] = active;
            if (active) {
                fillSlot(off, layout.executionFeatures());
            }
        }
        for (int t = 0; t < layout.opportunitySlots(); t++) {
            int off = layout.opportunityOffset() + t * layout.opportunityFeatures();
            if (rng.nextDouble() < 0.7) {
                fillSlot(off, layout.opportunityFeatures());
                for (int size = 0; size < 3; size++) {
                    mask[1 + size * layout.opportunitySlots() + t] = free;
                }
            }
        }
        assert n == layout.observationSize();
    }

    private void fillSlot(int off, int len) {
        current[off] = 1f;
        for (int k = 1; k < len; k++) {
            current[off + k] = (float) (2 * rng.nextDouble() - 1);
        }
    }

    private void write(float[] obs, int off, boolean[] maskOut, int maskOff) {
        System.arraycopy(current, 0, obs, off, current.length);
        System.arraycopy(mask, 0, maskOut, maskOff, mask.length);
    }

    @Override
    public boolean terminated() {
        return false;
    }

    @Override
    public boolean truncated() {
        return truncated;
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        out.writeInt(steps);
        out.writeBoolean(truncated);
        for (float v : current) {
            out.writeFloat(v);
        }
        for (boolean m : mask) {
            out.writeBoolean(m);
        }
        for (long w : rng.state()) {
            out.writeLong(w);
        }
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        steps = in.readInt();
        truncated = in.readBoolean();
        for (int i = 0; i < current.length; i++) {
            current[i] = in.readFloat();
        }
        for (int i = 0; i < mask.length; i++) {
            mask[i] = in.readBoolean();
        }
        long[] s = new long[5];
        for (int i = 0; i < 5; i++) {
            s[i] = in.readLong();
        }
        rng.restore(s);
    }
}
