package io.tradeloop.server.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * One of the 36 actions of the funding-arbitrage contract (DESIGN.md): 0 HOLD; 1–10 ENTER opportunity
 * i SMALL; 11–20 MEDIUM; 21–30 LARGE; 31–35 EXIT execution slot i.
 */
public sealed interface FundingAction {
    int OPPORTUNITY_SLOTS = 10;
    int EXECUTION_SLOTS = 5;
    int COUNT = 1 + 3 * OPPORTUNITY_SLOTS + EXECUTION_SLOTS;

    /** Every action name, index = action id: HOLD, ENTER_OPP_0_SMALL … ENTER_OPP_9_LARGE, EXIT_POS_0 … EXIT_POS_4. */
    List<String> NAMES = names();

    /** The action id in [0, 36). */
    int index();

    default String name() {
        return NAMES.get(index());
    }

    /** Do nothing. */
    record Hold() implements FundingAction {
        @Override
        public int index() {
            return 0;
        }
    }

    /** Open opportunity slot {@code opportunity} (0–9) at {@code size}. */
    record Enter(int opportunity, SizeClass size) implements FundingAction {
        public Enter {
            if (opportunity < 0 || opportunity >= OPPORTUNITY_SLOTS) {
                throw new IllegalArgumentException("opportunity slot " + opportunity + " is outside [0, " + (OPPORTUNITY_SLOTS - 1) + "]");
            }
        }

        @Override
        public int index() {
            return 1 + size.ordinal() * OPPORTUNITY_SLOTS + opportunity;
        }
    }

    /** Close execution slot {@code slot} (0–4). */
    record Exit(int slot) implements FundingAction {
        public Exit {
            if (slot < 0 || slot >= EXECUTION_SLOTS) {
                throw new IllegalArgumentException("execution slot " + slot + " is outside [0, " + (EXECUTION_SLOTS - 1) + "]");
            }
        }

        @Override
        public int index() {
            return 1 + 3 * OPPORTUNITY_SLOTS + slot;
        }
    }

    /** The action with id {@code index}. */
    static FundingAction of(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("action " + index + " is outside [0, " + (COUNT - 1) + "]");
        }
        if (index == 0) {
            return new Hold();
        }
        if (index <= 3 * OPPORTUNITY_SLOTS) {
            int k = index - 1;
            return new Enter(k % OPPORTUNITY_SLOTS, SizeClass.values()[k / OPPORTUNITY_SLOTS]);
        }
        return new Exit(index - 1 - 3 * OPPORTUNITY_SLOTS);
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>(COUNT);
        n.add("HOLD");
        for (SizeClass s : SizeClass.values()) {
            for (int i = 0; i < OPPORTUNITY_SLOTS; i++) {
                n.add("ENTER_OPP_" + i + "_" + s.name());
            }
        }
        for (int i = 0; i < EXECUTION_SLOTS; i++) {
            n.add("EXIT_POS_" + i);
        }
        return List.copyOf(n);
    }
}
