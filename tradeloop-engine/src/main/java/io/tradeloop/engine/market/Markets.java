package io.tradeloop.engine.market;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.instrument.InstrumentKind;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.data.csv.DataIssue;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.csv.ReadResult;
import io.tradeloop.data.funding.CrossExchangeFundingReader;
import io.tradeloop.data.funding.PerpMarket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds backtest feeds from the data layouts the readers know. */
public final class Markets {
    private static final Logger LOG = LoggerFactory.getLogger(Markets.class);
    private static final Pattern OHLCV_NAME = Pattern.compile("([a-z0-9]+)_([A-Za-z0-9]+)-([A-Za-z0-9]+)_.*");

    private Markets() {
    }

    /**
     * The perpetuals of the cross-exchange funding file ({@code funding/cross_exchange_8h.csv}) for the
     * given bases, each with its 8-hour bars and funding: linear (USDT) perpetuals, plus the inverse
     * ones when {@code includeInverse}. Fees are the linear-perpetual defaults (maker 0.02%, taker 0.05%).
     */
    public static List<MarketFeed> crossExchangePerps(Path file, List<String> bases, boolean includeInverse) {
        ReadResult<List<PerpMarket>> read = CrossExchangeFundingReader.read(file, ReadPolicy.REPAIR);
        report(file, read.issues());
        List<MarketFeed> feeds = new ArrayList<>();
        for (PerpMarket m : read.value()) {
            if (!m.kind().isPerpetual() || (!includeInverse && m.kind() == InstrumentKind.INVERSE_PERPETUAL)) {
                continue;
            }
            if (!bases.isEmpty() && bases.stream().noneMatch(b -> b.equalsIgnoreCase(m.base()))) {
                continue;
            }
            String quote = m.kind() == InstrumentKind.INVERSE_PERPETUAL ? "USD" : "USDT";
            Instrument inst = new Instrument(m.pair(), m.venue(), m.kind(), m.base(), quote, 0.01, 0.0001, 0.0002, 0.0005,
                    m.funding().intervalHours());
            feeds.add(new MarketFeed(inst, m.bars(), m.funding()));
        }
        if (feeds.isEmpty()) {
            throw new IllegalArgumentException(file + ": no perpetual of " + bases + " found (contracts: perpetual"
                    + (includeInverse ? ", inverse_perpetual" : "") + ")");
        }
        return feeds;
    }

    /**
     * A spot instrument named after an OHLCV file such as {@code coinbase_BTC-USD_4h.csv} (venue
     * coinbase, BTC/USD); other names give venue {@code file} and the file's stem as the base.
     */
    public static Instrument spotFromFileName(Path file, BarSeries bars) {
        String name = file.getFileName().toString();
        Matcher m = OHLCV_NAME.matcher(name);
        if (m.matches()) {
            return Instrument.spot(m.group(1).toLowerCase(Locale.ROOT), m.group(2).toUpperCase(Locale.ROOT),
                    m.group(3).toUpperCase(Locale.ROOT));
        }
        String stem = name.replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
        return Instrument.spot("file", stem.isEmpty() ? "ASSET" : stem, "USD");
    }

    private static void report(Path file, List<DataIssue> issues) {
        if (!issues.isEmpty()) {
            LOG.warn("data issues file={} count={} first={}", file, issues.size(), issues.getFirst());
        }
    }
}
