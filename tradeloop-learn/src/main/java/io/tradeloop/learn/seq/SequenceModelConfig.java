package io.tradeloop.learn.seq;

import io.tradeloop.core.config.Checks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sequence model: 1-D convolution over a window of feature rows → LSTM → multi-head
 * self-attention (residual) → last step → dropout → 3-class head; a deep ensemble of
 * {@code ensembleSize} members trained from different seeds gives the uncertainty
 * (Lakshminarayanan et al. 2017, "Simple and Scalable Predictive Uncertainty Estimation using Deep Ensembles").
 *
 * @param window          bars per input window, in [4, 512] (default 32)
 * @param convFilters     convolution channels, in [4, 256] (default 32)
 * @param kernel          convolution width (odd), in [1, 15] (default 3)
 * @param lstmHidden      LSTM state size = attention embedding, in [4, 512] (default 32)
 * @param heads           attention heads (must divide lstmHidden), in [1, 16] (default 4)
 * @param dropout         dropout before the head, in [0, 0.9] (default 0.2)
 * @param ensembleSize    members of the deep ensemble, in [1, 16] (default 3)
 * @param epochs          maximum epochs per member, in [1, 1000] (default 12)
 * @param patience        epochs without validation improvement before stopping, in [1, 100] (default 3)
 * @param batchSize       minibatch size, in [8, 4096] (default 128)
 * @param learningRate    Adam learning rate, in [1e-5, 0.1] (default 1e-3)
 * @param threads         PyTorch intra-op threads, in [1, 64] (default 1: batch-1 serving gains nothing from more, and
 *                        spinning OpenMP threads collapse on a shared, oversubscribed machine)
 */
public record SequenceModelConfig(int window, int convFilters, int kernel, int lstmHidden, int heads, double dropout,
                                  int ensembleSize, int epochs, int patience, int batchSize, double learningRate, int threads) {
    public SequenceModelConfig {
        Checks.inRange("window", window, 4, 512);
        Checks.inRange("conv_filters", convFilters, 4, 256);
        Checks.inRange("kernel", kernel, 1, 15);
        if (kernel % 2 == 0) {
            throw new io.tradeloop.core.config.ConfigException("kernel", "value " + kernel + " must be odd (same-length padding)");
        }
        Checks.inRange("lstm_hidden", lstmHidden, 4, 512);
        Checks.inRange("heads", heads, 1, 16);
        if (lstmHidden % heads != 0) {
            throw new io.tradeloop.core.config.ConfigException("heads", "value " + heads + " must divide lstm_hidden " + lstmHidden);
        }
        Checks.inRange("dropout", dropout, 0, 0.9);
        Checks.inRange("ensemble_size", ensembleSize, 1, 16);
        Checks.inRange("epochs", epochs, 1, 1000);
        Checks.inRange("patience", patience, 1, 100);
        Checks.inRange("batch_size", batchSize, 8, 4096);
        Checks.inRange("learning_rate", learningRate, 1e-5, 0.1);
        Checks.inRange("threads", threads, 1, 64);
    }

    public static SequenceModelConfig defaults() {
        return new SequenceModelConfig(32, 32, 3, 32, 4, 0.2, 3, 12, 3, 128, 1e-3, 1);
    }

    public SequenceModelConfig withEpochs(int e) {
        return new SequenceModelConfig(window, convFilters, kernel, lstmHidden, heads, dropout, ensembleSize, e, patience, batchSize,
                learningRate, threads);
    }

    public SequenceModelConfig withEnsembleSize(int k) {
        return new SequenceModelConfig(window, convFilters, kernel, lstmHidden, heads, dropout, k, epochs, patience, batchSize,
                learningRate, threads);
    }

    public SequenceModelConfig withWindow(int w) {
        return new SequenceModelConfig(w, convFilters, kernel, lstmHidden, heads, dropout, ensembleSize, epochs, patience, batchSize,
                learningRate, threads);
    }

    public Map<String, Object> asMap() {
        var m = new LinkedHashMap<String, Object>();
        m.put("window", window);
        m.put("conv_filters", convFilters);
        m.put("kernel", kernel);
        m.put("lstm_hidden", lstmHidden);
        m.put("heads", heads);
        m.put("dropout", dropout);
        m.put("ensemble_size", ensembleSize);
        m.put("epochs", epochs);
        m.put("patience", patience);
        m.put("batch_size", batchSize);
        m.put("learning_rate", learningRate);
        m.put("threads", threads);
        return m;
    }
}
