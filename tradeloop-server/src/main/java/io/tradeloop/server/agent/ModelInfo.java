package io.tradeloop.server.agent;

/**
 * What decides for an agent: its version and when it was trained.
 *
 * @param version   e.g. {@code greedy-carry-1} or a trained model's registry version
 * @param trainedMs when the model was trained, epoch ms; null for rules that are not trained
 * @param summary   one line on what it is
 */
public record ModelInfo(String version, Long trainedMs, String summary) {
}
