package io.tradeloop.data.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.layout.DataLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The catalog's table of contents, {@code catalog.json}: one object per dataset, sorted, with no
 * timestamps of its own, so the same imports give the same bytes. Written to a temporary file and moved
 * into place, so a crash leaves the previous manifest (and the Parquet files it names) intact.
 */
final class CatalogManifest {
    static final String FILE = "catalog.json";
    static final int FORMAT = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CatalogManifest() {
    }

    static List<CatalogEntry> read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            return List.of();
        }
        try {
            JsonNode root = MAPPER.readTree(f.toFile());
            int format = root.path("format").asInt(-1);
            if (format != FORMAT) {
                throw new IllegalStateException(f + ": catalog format " + format + " is not the supported " + FORMAT);
            }
            List<CatalogEntry> out = new ArrayList<>();
            for (JsonNode d : root.path("datasets")) {
                List<CatalogEntry.Source> sources = new ArrayList<>();
                for (JsonNode s : d.path("sources")) {
                    sources.add(new CatalogEntry.Source(s.path("file").asText(), s.path("sha256").asText(), DataLayout.valueOf(s.path("layout").asText()),
                            s.path("policy").asText(), s.path("rows").asLong(), s.path("dropped").asLong()));
                }
                DatasetKind kind = DatasetKind.valueOf(d.path("kind").asText().toUpperCase(Locale.ROOT));
                out.add(new CatalogEntry(d.path("name").asText(), kind,
                        kind == DatasetKind.BARS ? Timeframe.parse(d.path("timeframe").asText()) : null,
                        d.path("file").asText(), d.path("rows").asLong(), d.path("firstMs").asLong(), d.path("lastMs").asLong(),
                        d.path("dataSha256").asText(), d.path("derivedFrom").isNull() ? null : d.path("derivedFrom").asText(null), sources));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalog manifest " + f + ": " + e.getMessage(), e);
        }
    }

    static void write(Path dir, List<CatalogEntry> entries) {
        Path f = dir.resolve(FILE);
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            Files.writeString(tmp, render(entries), StandardCharsets.UTF_8);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the catalog manifest " + f + ": " + e.getMessage(), e);
        }
    }

    /** The manifest text of {@code entries}. */
    static String render(List<CatalogEntry> entries) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode ds = root.putArray("datasets");
        for (CatalogEntry e : entries.stream().sorted(CatalogEntry.ORDER).toList()) {
            ObjectNode d = ds.addObject();
            d.put("name", e.name());
            d.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
            if (e.timeframe() != null) d.put("timeframe", e.timeframe().toString());
            d.put("file", e.file());
            d.put("rows", e.rows());
            d.put("first", TimeFormat.iso(e.firstMs()));
            d.put("last", TimeFormat.iso(e.lastMs()));
            d.put("firstMs", e.firstMs());
            d.put("lastMs", e.lastMs());
            d.put("dataSha256", e.dataSha256());
            if (e.derivedFrom() == null) d.putNull("derivedFrom");
            else d.put("derivedFrom", e.derivedFrom());
            ArrayNode src = d.putArray("sources");
            for (CatalogEntry.Source s : e.sources()) {
                ObjectNode so = src.addObject();
                so.put("file", s.fileName());
                so.put("sha256", s.sha256());
                so.put("layout", s.layout().name());
                so.put("policy", s.policy());
                so.put("rows", s.rows());
                so.put("dropped", s.dropped());
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the catalog manifest: " + e.getMessage(), e);
        }
    }
}
