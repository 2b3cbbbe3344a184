package io.tradeloop.server.predict;

import io.tradeloop.server.agent.FundingAction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves {@code POST /api/predict-multi}: validates and normalizes the request, asks the loaded funding
 * policy, and assembles the answer (greedy: the most probable allowed action). Without a loaded policy it
 * refuses with {@link NoPolicyLoaded}; it never invents an answer.
 */
public final class PredictService {
    /** Why a prediction cannot be made: no policy is loaded. The API answers 503 with the message. */
    public static final class NoPolicyLoaded extends RuntimeException {
        public NoPolicyLoaded(String message) {
            super(message);
        }
    }

    private final AtomicReference<FundingPolicy> policy = new AtomicReference<>();
    private volatile String unavailable;

    /** @param unavailableReason what to tell callers while no policy is loaded */
    public PredictService(String unavailableReason) {
        this.unavailable = unavailableReason;
    }

    /** Loads (or replaces) the served policy. */
    public void load(FundingPolicy p) {
        policy.set(p);
    }

    public Optional<FundingPolicy> policy() {
        return Optional.ofNullable(policy.get());
    }

    public String unavailableReason() {
        return unavailable;
    }

    public PredictMultiResponse predict(PredictMultiRequest request) {
        NormalizedRequest req = request.normalize(); // 400 before 503: bad input is refused even without a model
        FundingPolicy p = policy.get();
        if (p == null) {
            throw new NoPolicyLoaded(unavailable);
        }
        FundingPolicy.PolicyOutput out = p.evaluate(req);
        return answer(req, out, p.model().version());
    }

    /** Builds the response from a policy's output (greedy choice among allowed actions). */
    static PredictMultiResponse answer(NormalizedRequest req, FundingPolicy.PolicyOutput out, String modelVersion) {
        double[] prob = out.probabilities();
        boolean[] mask = out.mask();
        int best = -1;
        int valid = 0;
        for (int a = 0; a < prob.length; a++) {
            if (!mask[a]) continue;
            valid++;
            if (best < 0 || prob[a] > prob[best]) best = a;
        }
        if (best < 0) {
            throw new IllegalStateException("the policy's mask allows no action (HOLD must always be allowed)");
        }
        FundingAction action = FundingAction.of(best);
        Integer oppIdx = null;
        Integer posIdx = null;
        double size = 0;
        var cfg = req.config();
        switch (action) {
            case FundingAction.Hold h -> {
            }
            case FundingAction.Enter e -> {
                oppIdx = out.opportunityOrder()[e.opportunity()];
                if (oppIdx < 0) {
                    throw new IllegalStateException("the policy chose " + action.name() + " but its opportunity slot is empty");
                }
                size = e.size().sizeUsd(req.portfolio().availableCapital(), cfg.targetUtilization(), cfg.maxPositions());
            }
            case FundingAction.Exit x -> posIdx = x.slot();
        }
        double p = prob[best];
        String confidence = p >= 0.6 ? "HIGH" : p >= 0.3 ? "MEDIUM" : "LOW";
        Map<String, Double> probs = new LinkedHashMap<>();
        for (int a = 0; a < prob.length; a++) {
            probs.put(FundingAction.NAMES.get(a), prob[a]);
        }
        int top = out.opportunityOrder()[0];
        NormalizedRequest.OpportunityState shown = oppIdx != null ? req.opportunities().get(oppIdx)
                : top >= 0 ? req.opportunities().get(top) : null;
        String topName = shown == null ? null : shown.symbol() + " (" + shown.longExchange() + "/" + shown.shortExchange() + ")";
        java.util.List<Integer> order = new java.util.ArrayList<>();
        for (int o : out.opportunityOrder()) {
            if (o >= 0) order.add(o);
        }
        return new PredictMultiResponse(action.name(), best, oppIdx, posIdx, size, confidence, p, out.stateValue(), probs,
                new PredictMultiResponse.Reasoning(topName, shown == null ? null : shown.fundApr24hProj(), riskLevel(req), valid, order,
                        req.derived()), modelVersion);
    }

    /** HIGH / MEDIUM / LOW from the closest liquidation distance against the buffer and the leverage allowed. */
    static String riskLevel(NormalizedRequest req) {
        double minDist = req.positions().stream().mapToDouble(NormalizedRequest.PositionState::liquidationDistance).min().orElse(Double.POSITIVE_INFINITY);
        double buf = req.config().liquidationBuffer();
        double lev = req.config().maxLeverage();
        if (minDist < buf || lev >= 5) return "HIGH";
        if (minDist < 2 * buf || lev >= 3) return "MEDIUM";
        return "LOW";
    }
}
