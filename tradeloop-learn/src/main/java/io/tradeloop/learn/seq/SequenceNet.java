package io.tradeloop.learn.seq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One member of the sequence ensemble, written out as a single forward pass so it reads top to
 * bottom: input (batch, window, features) → Conv1d + ReLU over time → LSTM → x + attention(x) →
 * last time step → dropout → linear → 3 logits.
 */
public final class SequenceNet extends AbstractBlock {
    private static final byte VERSION = 1;
    private final Conv1d conv;
    private final LSTM lstm;
    private final ScaledDotProductAttentionBlock attention;
    private final Dropout dropout;
    private final Linear head;
    private final int classes;

    public SequenceNet(SequenceModelConfig c, int classes) {
        super(VERSION);
        this.classes = classes;
        conv = addChildBlock("conv", Conv1d.builder().setKernelShape(new Shape(c.kernel())).optPadding(new Shape(c.kernel() / 2))
                .setFilters(c.convFilters()).build());
        lstm = addChildBlock("lstm", LSTM.builder().setStateSize(c.lstmHidden()).setNumLayers(1).optBatchFirst(true).build());
        attention = addChildBlock("attention", ScaledDotProductAttentionBlock.builder().setEmbeddingSize(c.lstmHidden())
                .setHeadCount(c.heads()).optAttentionProbsDropoutProb(0f).build());
        dropout = addChildBlock("dropout", Dropout.builder().optRate((float) c.dropout()).build());
        head = addChildBlock("head", Linear.builder().setUnits(classes).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();                                    // (B, W, F)
        NDArray h = conv.forward(ps, new NDList(x.transpose(0, 2, 1)), training).singletonOrThrow(); // (B, C, W)
        h = Activation.relu(h).transpose(0, 2, 1);                                 // (B, W, C)
        h = lstm.forward(ps, new NDList(h), training).get(0);                      // (B, W, H)
        h = h.add(attention.forward(ps, new NDList(h), training).singletonOrThrow()); // residual attention
        long w = h.getShape().get(1);
        NDArray last = h.get(":, " + (w - 1) + ", :");                             // (B, H)
        last = dropout.forward(ps, new NDList(last), training).singletonOrThrow();
        return head.forward(ps, new NDList(last), training);                       // (B, classes) logits
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long b = in.get(0);
        long w = in.get(1);
        long f = in.get(2);
        conv.initialize(manager, dataType, new Shape(b, f, w));
        Shape convOut = conv.getOutputShapes(new Shape[] {new Shape(b, f, w)})[0];
        Shape lstmIn = new Shape(b, w, convOut.get(1));
        lstm.initialize(manager, dataType, lstmIn);
        Shape lstmOut = lstm.getOutputShapes(new Shape[] {lstmIn})[0];
        attention.initialize(manager, dataType, lstmOut);
        Shape lastShape = new Shape(b, lstmOut.get(2));
        dropout.initialize(manager, dataType, lastShape);
        head.initialize(manager, dataType, lastShape);
    }
}
