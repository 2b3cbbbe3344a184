package io.tradeloop.rl.nn;

import io.tradeloop.core.random.Rng;

import java.util.Arrays;

import static io.tradeloop.rl.nn.ModularNetworkSpec.ATTENTION_HEADS;
import static io.tradeloop.rl.nn.ModularNetworkSpec.CONFIG_HIDDEN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.EXECUTION_HIDDEN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.FUSION_HIDDEN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.FUSION_IN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.FUSION_OUT;
import static io.tradeloop.rl.nn.ModularNetworkSpec.HEAD_HIDDEN;
import static io.tradeloop.rl.nn.ModularNetworkSpec.LAYER_NORM_EPS;
import static io.tradeloop.rl.nn.ModularNetworkSpec.OPPORTUNITY_EMBED;
import static io.tradeloop.rl.nn.ModularNetworkSpec.OPPORTUNITY_OUT;
import static io.tradeloop.rl.nn.ModularNetworkSpec.PORTFOLIO_HIDDEN;

/**
 * The plan's {@code ModularPPONetwork}, hand-written for the JVM with a fused forward and backward
 * (the reference implementation in DJL is {@code io.tradeloop.rl.djl.DjlModularPPONetwork}; a test holds
 * outputs and gradients of the two within 1e-5).
 *
 * <pre>
 * config 5 -> Linear 16, ReLU                         portfolio 10 -> Linear 32, ReLU
 * executions 5 x 12 -> Linear 24, ReLU per slot -> max over slots (24)
 * opportunities 10 x 20 -> Linear 40, ReLU -> 4-head self-attention (40) -> mean over slots -> Linear 64, ReLU
 * fusion: concat 136 -> Linear 128, LayerNorm, ReLU, Dropout -> Linear 64, LayerNorm, ReLU
 * actor 64 -> Linear 32, ReLU -> Linear 36 (logits)    critic 64 -> Linear 32, ReLU -> Linear 1
 * </pre>
 *
 * <p>Fusion: the attention output is only used through its mean over slots, and the value and output
 * projections are linear, so {@code mean_t(out(sum_u A[t,u] v_u)) = out(v(sum_u abar_u h_u))} with
 * {@code abar_u = mean_t A[t,u]} (the attention rows sum to one, so the value bias passes unchanged).
 * That removes the per-slot value and output projections (a quarter of the arithmetic) without changing
 * the function. Weights are stored {@code [in][out]}, one array per row; inactive (all-zero) slots skip
 * their input multiplications. Single-threaded; buffers grow to the largest batch seen and are reused.
 */
public final class ModularPPONetwork implements PolicyNetwork {
    private static final int HEAD_DIM = OPPORTUNITY_EMBED / ATTENTION_HEADS;

    private final ModularNetworkSpec spec;
    private final int obsSize;
    private final int actions;
    private final int slotsE;
    private final int slotsO;
    private final float attentionScale;
    private final Rng dropoutRng;
    private final float dropout;
    private final float keepScale;

    private final Parameters params = new Parameters();
    private final Dense config;
    private final Dense portfolio;
    private final Dense execution;
    private final Dense embed;
    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final Dense attnOut;
    private final Dense oppFc;
    private final Dense fusion0;
    private final ParameterTensor ln0Gamma;
    private final ParameterTensor ln0Beta;
    private final Dense fusion1;
    private final ParameterTensor ln1Gamma;
    private final ParameterTensor ln1Beta;
    private final Dense actor0;
    private final Dense actor1;
    private final Dense critic0;
    private final Dense critic1;

    // activations, one row per sample (or per sample x slot)
    private int capacity;
    private int lastBatch = -1;
    private float[] obs;
    private float[][] fin;       // [B][136]: config 16 | portfolio 32 | executions 24 | opportunities 64 (post-ReLU)
    private float[][] exEnc;     // [B*S][24] post-ReLU slot encodings
    private int[][] exArg;       // [B][24] slot holding the max
    private float[][] h;         // [B*T][40] embedded opportunities (post-ReLU)
    private float[][] q;         // [B*T][40]
    private float[][] k;         // [B*T][40]
    private float[][] attn;      // [B][heads*T*T] softmax weights
    private float[][] abar;      // [B][heads*T] mean attention each slot receives
    private float[][] hbar;      // [B][heads*40] attention-weighted mean of h per head
    private float[][] ctx;       // [B][40] mean attention output before the output projection
    private float[][] pooled;    // [B][40] mean attention output after the output projection
    private float[][] xhat0;     // [B][128] normalised fusion.0 output
    private float[] rstd0;       // [B]
    private float[][] act0;      // [B][128] after LayerNorm + ReLU
    private float[][] dropMask;  // [B][128] 0 or 1/(1-p)
    private float[][] drop0;     // [B][128] after dropout (input to fusion.1)
    private float[][] xhat1;     // [B][64]
    private float[] rstd1;       // [B]
    private float[][] feat;      // [B][64] fused features
    private float[][] actorH;    // [B][32]
    private float[][] criticH;   // [B][32]

    // scratch for one sample
    private final float[] z0 = new float[FUSION_HIDDEN];
    private final float[] z1 = new float[FUSION_OUT];
    private final float[] vOut = new float[1];
    private final float[] dFin = new float[FUSION_IN];
    private final float[] dZ0 = new float[FUSION_HIDDEN];
    private final float[] dD0 = new float[FUSION_HIDDEN];
    private final float[] dZ1 = new float[FUSION_OUT];
    private final float[] dFeat = new float[FUSION_OUT];
    private final float[] dActorH = new float[HEAD_HIDDEN];
    private final float[] dCriticH = new float[HEAD_HIDDEN];
    private final float[] dOpp = new float[OPPORTUNITY_OUT];
    private final float[] dPooled = new float[OPPORTUNITY_EMBED];
    private final float[] dCtx = new float[OPPORTUNITY_EMBED];
    private final float[] dHbar = new float[OPPORTUNITY_EMBED];
    private final float[] dAbar;
    private final float[] dS;
    private final float[][] dH;
    private final float[][] dQ;
    private final float[][] dK;
    private final float[] dSlot = new float[EXECUTION_HIDDEN];
    private final float[] dSmall = new float[PORTFOLIO_HIDDEN];

    /** A freshly initialised network; {@code rng} draws the weights and, later, the dropout masks. */
    public ModularPPONetwork(ModularNetworkSpec spec, Rng rng) {
        this.spec = spec;
        obsSize = spec.observationSize();
        actions = spec.actions();
        slotsE = spec.executionSlots();
        slotsO = spec.opportunitySlots();
        attentionScale = (float) (1.0 / Math.sqrt(HEAD_DIM));
        dropout = (float) spec.fusionDropout();
        keepScale = dropout > 0 ? 1f / (1f - dropout) : 1f;

        config = params.dense("config", spec.configFeatures(), CONFIG_HIDDEN);
        portfolio = params.dense("portfolio", spec.portfolioFeatures(), PORTFOLIO_HIDDEN);
        execution = params.dense("execution", spec.executionFeatures(), EXECUTION_HIDDEN);
        embed = params.dense("opportunity.embed", spec.opportunityFeatures(), OPPORTUNITY_EMBED);
        query = params.dense("opportunity.attn.q", OPPORTUNITY_EMBED, OPPORTUNITY_EMBED);
        key = params.dense("opportunity.attn.k", OPPORTUNITY_EMBED, OPPORTUNITY_EMBED);
        value = params.dense("opportunity.attn.v", OPPORTUNITY_EMBED, OPPORTUNITY_EMBED);
        attnOut = params.dense("opportunity.attn.out", OPPORTUNITY_EMBED, OPPORTUNITY_EMBED);
        oppFc = params.dense("opportunity.fc", OPPORTUNITY_EMBED, OPPORTUNITY_OUT);
        fusion0 = params.dense("fusion.0", FUSION_IN, FUSION_HIDDEN);
        ln0Gamma = params.vector("fusion.ln0.weight", FUSION_HIDDEN, 1f);
        ln0Beta = params.vector("fusion.ln0.bias", FUSION_HIDDEN, 0f);
        fusion1 = params.dense("fusion.1", FUSION_HIDDEN, FUSION_OUT);
        ln1Gamma = params.vector("fusion.ln1.weight", FUSION_OUT, 1f);
        ln1Beta = params.vector("fusion.ln1.bias", FUSION_OUT, 0f);
        actor0 = params.dense("actor.0", FUSION_OUT, HEAD_HIDDEN);
        actor1 = params.dense("actor.1", HEAD_HIDDEN, actions);
        critic0 = params.dense("critic.0", FUSION_OUT, HEAD_HIDDEN);
        critic1 = params.dense("critic.1", HEAD_HIDDEN, 1);
        initialise(rng);
        dropoutRng = rng.split();

        dAbar = new float[ATTENTION_HEADS * slotsO];
        dS = new float[slotsO];
        dH = new float[slotsO][OPPORTUNITY_EMBED];
        dQ = new float[slotsO][OPPORTUNITY_EMBED];
        dK = new float[slotsO][OPPORTUNITY_EMBED];
        ensureCapacity(1);
    }

    /**
     * PyTorch's defaults (nn.Linear: U(+-1/sqrt(in)); nn.MultiheadAttention: Xavier-uniform in-projection,
     * zero projection biases) except the actor's last layer, scaled by 0.01 so the first policy is near
     * uniform (CleanRL's practice for PPO).
     */
    private void initialise(Rng rng) {
        for (Dense d : new Dense[] {config, portfolio, execution, embed, attnOut, oppFc, fusion0, fusion1, actor0,
                critic0, critic1}) {
            d.init(rng, 1.0);
        }
        actor1.init(rng, 0.01);
        double xavier = Math.sqrt(6.0 / (OPPORTUNITY_EMBED + 3 * OPPORTUNITY_EMBED));
        for (Dense d : new Dense[] {query, key, value}) {
            d.w.uniform(rng, xavier);
            d.b.fill(0f);
            d.syncMirror();
        }
        attnOut.b.fill(0f);
    }

    private void ensureCapacity(int batch) {
        if (batch <= capacity) {
            return;
        }
        int c = Math.max(batch, capacity * 2);
        capacity = c;
        fin = new float[c][FUSION_IN];
        exEnc = new float[c * slotsE][EXECUTION_HIDDEN];
        exArg = new int[c][EXECUTION_HIDDEN];
        h = new float[c * slotsO][OPPORTUNITY_EMBED];
        q = new float[c * slotsO][OPPORTUNITY_EMBED];
        k = new float[c * slotsO][OPPORTUNITY_EMBED];
        attn = new float[c][ATTENTION_HEADS * slotsO * slotsO];
        abar = new float[c][ATTENTION_HEADS * slotsO];
        hbar = new float[c][ATTENTION_HEADS * OPPORTUNITY_EMBED];
        ctx = new float[c][OPPORTUNITY_EMBED];
        pooled = new float[c][OPPORTUNITY_EMBED];
        xhat0 = new float[c][FUSION_HIDDEN];
        rstd0 = new float[c];
        act0 = new float[c][FUSION_HIDDEN];
        dropMask = new float[c][FUSION_HIDDEN];
        drop0 = new float[c][FUSION_HIDDEN];
        xhat1 = new float[c][FUSION_OUT];
        rstd1 = new float[c];
        feat = new float[c][FUSION_OUT];
        actorH = new float[c][HEAD_HIDDEN];
        criticH = new float[c][HEAD_HIDDEN];
    }

    public ModularNetworkSpec spec() {
        return spec;
    }

    @Override
    public int observationSize() {
        return obsSize;
    }

    @Override
    public int actionCount() {
        return actions;
    }

    @Override
    public long parameterCount() {
        return params.count();
    }

    @Override
    public void predict(float[] obs, int batch, float[] logits, float[] values) {
        ensureCapacity(batch);
        for (int b = 0; b < batch; b++) {
            forwardSample(obs, b, logits, values, false);
        }
        lastBatch = -1;
    }

    @Override
    public void forward(float[] obs, int batch, float[] logits, float[] values) {
        ensureCapacity(batch);
        for (int b = 0; b < batch; b++) {
            forwardSample(obs, b, logits, values, true);
        }
        this.obs = obs;
        lastBatch = batch;
    }

    private void forwardSample(float[] x, int b, float[] logits, float[] values, boolean training) {
        int off = b * obsSize;
        float[] f = fin[b];
        // config and portfolio encoders
        config.forward(x, off, f, 0);
        portfolio.forward(x, off + spec.portfolioOffset(), f, CONFIG_HIDDEN);
        relu(f, 0, CONFIG_HIDDEN + PORTFOLIO_HIDDEN);
        // execution encoder: per slot, then max over slots (first maximum wins, as torch.max(dim))
        int eOff = off + spec.executionOffset();
        int[] arg = exArg[b];
        int fe = CONFIG_HIDDEN + PORTFOLIO_HIDDEN;
        for (int s = 0; s < slotsE; s++) {
            float[] e = exEnc[b * slotsE + s];
            execution.forward(x, eOff + s * spec.executionFeatures(), e, 0);
            relu(e, 0, EXECUTION_HIDDEN);
            for (int j = 0; j < EXECUTION_HIDDEN; j++) {
                if (s == 0 || e[j] > f[fe + j]) {
                    f[fe + j] = e[j];
                    arg[j] = s;
                }
            }
        }
        forwardOpportunities(x, off + spec.opportunityOffset(), b, f);
        // fusion.0 -> LayerNorm -> ReLU -> dropout
        fusion0.forward(f, 0, z0, 0);
        rstd0[b] = layerNorm(z0, xhat0[b], ln0Gamma, ln0Beta, act0[b]);
        relu(act0[b], 0, FUSION_HIDDEN);
        float[] d0 = drop0[b];
        if (training && dropout > 0) {
            float[] mask = dropMask[b];
            for (int j = 0; j < FUSION_HIDDEN; j++) {
                mask[j] = dropoutRng.nextDouble() >= dropout ? keepScale : 0f;
                d0[j] = act0[b][j] * mask[j];
            }
        } else {
            System.arraycopy(act0[b], 0, d0, 0, FUSION_HIDDEN);
            Arrays.fill(dropMask[b], 1f);
        }
        // fusion.1 -> LayerNorm -> ReLU
        fusion1.forward(d0, 0, z1, 0);
        rstd1[b] = layerNorm(z1, xhat1[b], ln1Gamma, ln1Beta, feat[b]);
        relu(feat[b], 0, FUSION_OUT);
        // heads
        actor0.forward(feat[b], 0, actorH[b], 0);
        relu(actorH[b], 0, HEAD_HIDDEN);
        actor1.forward(actorH[b], 0, logits, b * actions);
        critic0.forward(feat[b], 0, criticH[b], 0);
        relu(criticH[b], 0, HEAD_HIDDEN);
        critic1.forward(criticH[b], 0, vOut, 0);
        values[b] = vOut[0];
    }

    private void forwardOpportunities(float[] x, int oOff, int b, float[] f) {
        int base = b * slotsO;
        for (int t = 0; t < slotsO; t++) {
            float[] ht = h[base + t];
            embed.forward(x, oOff + t * spec.opportunityFeatures(), ht, 0);
            relu(ht, 0, OPPORTUNITY_EMBED);
            query.forward(ht, 0, q[base + t], 0);
            key.forward(ht, 0, k[base + t], 0);
        }
        float[] a = attn[b];
        float[] ab = abar[b];
        float[] hb = hbar[b];
        float[] c = ctx[b];
        Arrays.fill(ab, 0f);
        Arrays.fill(hb, 0f);
        float invT = 1f / slotsO;
        for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
            int d0 = hd * HEAD_DIM;
            for (int t = 0; t < slotsO; t++) {
                float[] qt = q[base + t];
                int row = (hd * slotsO + t) * slotsO;
                float max = Float.NEGATIVE_INFINITY;
                for (int u = 0; u < slotsO; u++) {
                    float[] ku = k[base + u];
                    float s = 0f;
                    for (int j = 0; j < HEAD_DIM; j++) {
                        s = Math.fma(qt[d0 + j], ku[d0 + j], s);
                    }
                    s *= attentionScale;
                    a[row + u] = s;
                    max = Math.max(max, s);
                }
                float sum = 0f;
                for (int u = 0; u < slotsO; u++) {
                    float e = (float) Math.exp(a[row + u] - max);
                    a[row + u] = e;
                    sum += e;
                }
                float inv = 1f / sum;
                for (int u = 0; u < slotsO; u++) {
                    a[row + u] *= inv;
                    ab[hd * slotsO + u] += a[row + u] * invT;
                }
            }
            // hbar_h = sum_u abar_h[u] * h_u
            int hOff = hd * OPPORTUNITY_EMBED;
            for (int u = 0; u < slotsO; u++) {
                float w = ab[hd * slotsO + u];
                float[] hu = h[base + u];
                for (int i = 0; i < OPPORTUNITY_EMBED; i++) {
                    hb[hOff + i] = Math.fma(w, hu[i], hb[hOff + i]);
                }
            }
            // ctx[head dims] = hbar_h Wv[:, head dims] + bv[head dims]
            float[] bv = value.b.value[0];
            for (int j = 0; j < HEAD_DIM; j++) {
                c[d0 + j] = bv[d0 + j];
            }
            float[][] wv = value.w.value;
            for (int i = 0; i < OPPORTUNITY_EMBED; i++) {
                float hi = hb[hOff + i];
                float[] row = wv[i];
                for (int j = 0; j < HEAD_DIM; j++) {
                    c[d0 + j] = Math.fma(hi, row[d0 + j], c[d0 + j]);
                }
            }
        }
        attnOut.forward(c, 0, pooled[b], 0);
        int fo = CONFIG_HIDDEN + PORTFOLIO_HIDDEN + EXECUTION_HIDDEN;
        oppFc.forward(pooled[b], 0, f, fo);
        relu(f, fo, OPPORTUNITY_OUT);
    }

    /** LayerNorm over z: xhat = (z - mean) * rstd, y = xhat * gamma + beta; returns rstd = 1/sqrt(var + eps). */
    private static float layerNorm(float[] z, float[] xhat, ParameterTensor gamma, ParameterTensor beta, float[] y) {
        int n = z.length;
        float mean = 0f;
        for (int i = 0; i < n; i++) {
            mean += z[i];
        }
        mean /= n;
        float var = 0f;
        for (int i = 0; i < n; i++) {
            float d = z[i] - mean;
            var = Math.fma(d, d, var);
        }
        var /= n;
        float rstd = (float) (1.0 / Math.sqrt(var + LAYER_NORM_EPS));
        float[] g = gamma.value[0];
        float[] be = beta.value[0];
        for (int i = 0; i < n; i++) {
            float xh = (z[i] - mean) * rstd;
            xhat[i] = xh;
            y[i] = Math.fma(xh, g[i], be[i]);
        }
        return rstd;
    }

    /**
     * LayerNorm backward: dgamma += dy * xhat, dbeta += dy, and
     * dz = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) with dxhat = dy * gamma.
     */
    private static void layerNormBackward(float[] dy, float[] xhat, float rstd, ParameterTensor gamma,
                                          ParameterTensor beta, float[] dz) {
        int n = dy.length;
        float[] g = gamma.value[0];
        float[] gg = gamma.grad[0];
        float[] gb = beta.grad[0];
        float sum = 0f;
        float sumX = 0f;
        for (int i = 0; i < n; i++) {
            gg[i] = Math.fma(dy[i], xhat[i], gg[i]);
            gb[i] += dy[i];
            float dxh = dy[i] * g[i];
            dz[i] = dxh;
            sum += dxh;
            sumX = Math.fma(dxh, xhat[i], sumX);
        }
        float mean = sum / n;
        float meanX = sumX / n;
        for (int i = 0; i < n; i++) {
            dz[i] = rstd * (dz[i] - mean - xhat[i] * meanX);
        }
    }

    private static void relu(float[] v, int from, int len) {
        for (int i = from; i < from + len; i++) {
            v[i] = Math.max(v[i], 0f);
        }
    }

    /** Zeroes d where the ReLU output y was not positive. */
    private static void reluBackward(float[] y, int yOff, float[] d, int dOff, int len) {
        for (int i = 0; i < len; i++) {
            if (!(y[yOff + i] > 0f)) {
                d[dOff + i] = 0f;
            }
        }
    }

    @Override
    public void backward(float[] dLogits, float[] dValues) {
        if (lastBatch < 0) {
            throw new IllegalStateException("backward needs a training forward first");
        }
        params.zeroGrad();
        for (int b = 0; b < lastBatch; b++) {
            backwardSample(b, dLogits, dValues[b]);
        }
        lastBatch = -1;
    }

    private void backwardSample(int b, float[] dLogits, float dValue) {
        int off = b * obsSize;
        float[] ft = feat[b];
        // heads
        Arrays.fill(dFeat, 0f);
        actor1.accumulate(actorH[b], 0, dLogits, b * actions);
        Arrays.fill(dActorH, 0f);
        actor1.backwardInput(dLogits, b * actions, dActorH, 0);
        reluBackward(actorH[b], 0, dActorH, 0, HEAD_HIDDEN);
        actor0.accumulate(ft, 0, dActorH, 0);
        actor0.backwardInput(dActorH, 0, dFeat, 0);
        vOut[0] = dValue;
        critic1.accumulate(criticH[b], 0, vOut, 0);
        Arrays.fill(dCriticH, 0f);
        critic1.backwardInput(vOut, 0, dCriticH, 0);
        reluBackward(criticH[b], 0, dCriticH, 0, HEAD_HIDDEN);
        critic0.accumulate(ft, 0, dCriticH, 0);
        critic0.backwardInput(dCriticH, 0, dFeat, 0);
        // fusion.1 with its LayerNorm and ReLU
        reluBackward(ft, 0, dFeat, 0, FUSION_OUT);
        layerNormBackward(dFeat, xhat1[b], rstd1[b], ln1Gamma, ln1Beta, dZ1);
        fusion1.accumulate(drop0[b], 0, dZ1, 0);
        Arrays.fill(dD0, 0f);
        fusion1.backwardInput(dZ1, 0, dD0, 0);
        // dropout, ReLU, LayerNorm, fusion.0
        float[] mask = dropMask[b];
        for (int j = 0; j < FUSION_HIDDEN; j++) {
            dD0[j] *= mask[j];
        }
        reluBackward(act0[b], 0, dD0, 0, FUSION_HIDDEN);
        layerNormBackward(dD0, xhat0[b], rstd0[b], ln0Gamma, ln0Beta, dZ0);
        float[] f = fin[b];
        fusion0.accumulate(f, 0, dZ0, 0);
        Arrays.fill(dFin, 0f);
        fusion0.backwardInput(dZ0, 0, dFin, 0);
        reluBackward(f, 0, dFin, 0, FUSION_IN);
        // config and portfolio encoders (inputs need no gradient)
        config.accumulate(obs, off, dFin, 0);
        portfolio.accumulate(obs, off + spec.portfolioOffset(), dFin, CONFIG_HIDDEN);
        // execution encoder: the max sends each gradient to the slot that held it
        int fe = CONFIG_HIDDEN + PORTFOLIO_HIDDEN;
        int eOff = off + spec.executionOffset();
        int[] arg = exArg[b];
        for (int s = 0; s < slotsE; s++) {
            boolean any = false;
            for (int j = 0; j < EXECUTION_HIDDEN; j++) {
                float d = arg[j] == s ? dFin[fe + j] : 0f;
                dSlot[j] = d;
                any |= d != 0f;
            }
            if (any) {
                execution.accumulate(obs, eOff + s * spec.executionFeatures(), dSlot, 0);
            }
        }
        backwardOpportunities(b, off + spec.opportunityOffset(), CONFIG_HIDDEN + PORTFOLIO_HIDDEN + EXECUTION_HIDDEN);
    }

    private void backwardOpportunities(int b, int oOff, int fo) {
        int base = b * slotsO;
        // fc (ReLU already applied to dFin) and output projection
        System.arraycopy(dFin, fo, dOpp, 0, OPPORTUNITY_OUT);
        oppFc.accumulate(pooled[b], 0, dOpp, 0);
        Arrays.fill(dPooled, 0f);
        oppFc.backwardInput(dOpp, 0, dPooled, 0);
        attnOut.accumulate(ctx[b], 0, dPooled, 0);
        Arrays.fill(dCtx, 0f);
        attnOut.backwardInput(dPooled, 0, dCtx, 0);
        for (float[] row : dH) {
            Arrays.fill(row, 0f);
        }
        for (float[] row : dQ) {
            Arrays.fill(row, 0f);
        }
        for (float[] row : dK) {
            Arrays.fill(row, 0f);
        }
        float[] a = attn[b];
        float[] ab = abar[b];
        float[] hb = hbar[b];
        float[][] wv = value.w.value;
        float[][] gwv = value.w.grad;
        float[] gbv = value.b.grad[0];
        float invT = 1f / slotsO;
        for (int hd = 0; hd < ATTENTION_HEADS; hd++) {
            int d0 = hd * HEAD_DIM;
            int hOff = hd * OPPORTUNITY_EMBED;
            // value projection restricted to this head's columns
            for (int j = 0; j < HEAD_DIM; j++) {
                gbv[d0 + j] += dCtx[d0 + j];
            }
            for (int i = 0; i < OPPORTUNITY_EMBED; i++) {
                float hi = hb[hOff + i];
                float[] g = gwv[i];
                float[] w = wv[i];
                float acc = 0f;
                for (int j = 0; j < HEAD_DIM; j++) {
                    g[d0 + j] = Math.fma(hi, dCtx[d0 + j], g[d0 + j]);
                    acc = Math.fma(w[d0 + j], dCtx[d0 + j], acc);
                }
                dHbar[i] = acc;
            }
            // hbar = sum_u abar[u] h_u  ->  dh_u += abar[u] dhbar, dabar[u] = h_u . dhbar
            for (int u = 0; u < slotsO; u++) {
                float w = ab[hd * slotsO + u];
                float[] hu = h[base + u];
                float[] dhu = dH[u];
                float acc = 0f;
                for (int i = 0; i < OPPORTUNITY_EMBED; i++) {
                    dhu[i] = Math.fma(w, dHbar[i], dhu[i]);
                    acc = Math.fma(hu[i], dHbar[i], acc);
                }
                dAbar[hd * slotsO + u] = acc * invT;  // dA[t][u] = dabar[u] / T for every t
            }
            // softmax backward per query row, then the scaled dot products
            for (int t = 0; t < slotsO; t++) {
                int row = (hd * slotsO + t) * slotsO;
                float dot = 0f;
                for (int u = 0; u < slotsO; u++) {
                    dot = Math.fma(a[row + u], dAbar[hd * slotsO + u], dot);
                }
                for (int u = 0; u < slotsO; u++) {
                    dS[u] = a[row + u] * (dAbar[hd * slotsO + u] - dot) * attentionScale;
                }
                float[] qt = q[base + t];
                float[] dqt = dQ[t];
                for (int u = 0; u < slotsO; u++) {
                    float ds = dS[u];
                    if (ds == 0f) {
                        continue;
                    }
                    float[] ku = k[base + u];
                    float[] dku = dK[u];
                    for (int j = 0; j < HEAD_DIM; j++) {
                        dqt[d0 + j] = Math.fma(ds, ku[d0 + j], dqt[d0 + j]);
                        dku[d0 + j] = Math.fma(ds, qt[d0 + j], dku[d0 + j]);
                    }
                }
            }
        }
        // query and key projections, then the embedding (ReLU)
        for (int t = 0; t < slotsO; t++) {
            float[] ht = h[base + t];
            query.accumulate(ht, 0, dQ[t], 0);
            key.accumulate(ht, 0, dK[t], 0);
            query.backwardInput(dQ[t], 0, dH[t], 0);
            key.backwardInput(dK[t], 0, dH[t], 0);
            reluBackward(ht, 0, dH[t], 0, OPPORTUNITY_EMBED);
            embed.accumulate(obs, oOff + t * spec.opportunityFeatures(), dH[t], 0);
        }
    }

    /** The gradient of parameter {@code name} left by the last {@link #backward}, for tests and diagnostics. */
    public NamedTensor gradient(String name) {
        return params.gradient(name);
    }

    @Override
    public double gradientNorm() {
        return params.gradientNorm();
    }

    @Override
    public void adamStep(AdamConfig adam, double learningRate, double gradientScale) {
        params.adamStep(adam, learningRate, gradientScale);
    }

    @Override
    public NetworkState state() {
        return params.state(dropoutRng);
    }

    @Override
    public void load(NetworkState state) {
        params.load(state, dropoutRng);
    }
}
