package io.tributary.http.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.http.internal.manifest.Manifest;
import io.tributary.http.internal.manifest.Manifest.Transform;
import io.tributary.http.internal.template.Template;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordShapingTest {

  @Test
  void transformsAddRenameFlattenCoerceAndRemoveInOrder() throws Transforms.BadValue {
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("id", "7");
    rec.put("ts", 1735725600);
    rec.put("author", Map.of("name", "ann", "meta", Map.of("karma", 3)));
    List<Transform> steps =
        List.of(
            new Transform.AddFields(Map.of("shop", Template.parse("{{ partition.shop }}"))),
            new Transform.Rename(Map.of("ts", "created")),
            new Transform.Flatten("author", "_", false),
            new Transform.Coerce(Map.of("created", "epoch_seconds", "id", "integer")),
            new Transform.Remove(List.of("author_meta_karma")));

    Map<String, Object> out =
        Transforms.apply(rec, steps, Map.of("partition", Map.of("shop", "berlin")));

    assertThat(out)
        .containsExactly(
            Map.entry("id", 7L),
            Map.entry("created", "2025-01-01T10:00:00Z"),
            Map.entry("author_name", "ann"),
            Map.entry("shop", "berlin"));
  }

  @Test
  void coercionsOfCommonTimeFormatsGiveIsoUtc() throws Transforms.BadValue {
    assertThat(Transforms.coerce("t", 1735725600123L, "epoch_millis"))
        .isEqualTo("2025-01-01T10:00:00.123Z");
    assertThat(Transforms.coerce("t", "1735725600.5", "epoch_seconds"))
        .isEqualTo("2025-01-01T10:00:00.500Z");
    assertThat(Transforms.coerce("t", "2025-01-01T12:00:00+02:00", "iso_datetime"))
        .isEqualTo("2025-01-01T10:00:00Z");
    assertThat(Transforms.coerce("t", "2025-01-01 10:00:00", "iso_datetime"))
        .isEqualTo("2025-01-01T10:00:00Z");
    assertThat(Transforms.coerce("t", "2025-01-01T23:30:00Z", "date")).isEqualTo("2025-01-01");
    assertThat(Transforms.coerce("t", "20250101T120500Z", "iso_datetime"))
        .as("the ISO-8601 basic form GDELT writes")
        .isEqualTo("2025-01-01T12:05:00Z");
    assertThat(Transforms.coerce("t", "yes", "boolean")).isEqualTo(true);
  }

  @Test
  void aValueThatCannotBeCoercedNamesItsField() {
    assertThatThrownBy(() -> Transforms.coerce("price", "n/a", "number"))
        .isInstanceOf(Transforms.BadValue.class)
        .hasMessage("field 'price' cannot be coerced to number (was: n/a)");
  }

  @Test
  void cursorsCompareByTypeAndFormatForRequests() {
    Manifest.Incremental iso =
        new Manifest.Incremental(
            "t",
            Manifest.CursorType.DATETIME,
            null,
            java.time.Duration.ZERO,
            Manifest.Order.UNORDERED,
            "iso",
            "UTC");
    Manifest.Incremental pattern =
        new Manifest.Incremental(
            "t",
            Manifest.CursorType.DATETIME,
            null,
            java.time.Duration.ZERO,
            Manifest.Order.UNORDERED,
            "yyyy-MM-dd'T'HH:mm:ssxx",
            "-05:00");
    Comparable<?> a = Cursors.parse("2023-03-07T05:00:00Z", Manifest.CursorType.DATETIME);
    Comparable<?> b = Cursors.parse(1678165200L, Manifest.CursorType.DATETIME);

    assertThat(Cursors.compare(a, b)).isZero();
    assertThat(Cursors.format(a, iso)).isEqualTo("2023-03-07T05:00:00Z");
    assertThat(Cursors.format(a, pattern)).isEqualTo("2023-03-07T00:00:00-0500");
    assertThat(
            Cursors.compare(
                Cursors.parse("10", Manifest.CursorType.NUMBER),
                Cursors.parse("9.5", Manifest.CursorType.NUMBER)))
        .isPositive();
    assertThat(Cursors.store(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(Cursors.parseInstant("2025-01-01")).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
  }

  @Test
  void recordShapesCoverArraysZipColumnsAndEntries() {
    Object body =
        Map.of(
            "rows", List.of(List.of(1L, 2.5), List.of(2L, 3.5)),
            "chart", Map.of("t", List.of(10L, 20L), "q", List.of(Map.of("c", List.of(1.0, 2.0)))),
            "prices", Map.of("btc", Map.of("usd", 5L), "eth", Map.of("usd", 3L)));

    assertThat(
            RecordExtractor.extract(
                body, new Manifest.Records("/rows", Map.of(), List.of("t", "p"), null)))
        .containsExactly(Map.of("t", 1L, "p", 2.5), Map.of("t", 2L, "p", 3.5));
    Map<String, String> zip = new LinkedHashMap<>();
    zip.put("t", "/t");
    zip.put("c", "/q/0/c");
    assertThat(RecordExtractor.extract(body, new Manifest.Records("/chart", zip, List.of(), null)))
        .containsExactly(Map.of("t", 10L, "c", 1.0), Map.of("t", 20L, "c", 2.0));
    assertThat(
            RecordExtractor.extract(
                body, new Manifest.Records("/prices", Map.of(), List.of(), "id")))
        .containsExactlyInAnyOrder(Map.of("id", "btc", "usd", 5L), Map.of("id", "eth", "usd", 3L));
    assertThat(
            RecordExtractor.extract(
                body, new Manifest.Records("/nothing", Map.of(), List.of(), null)))
        .isEmpty();
  }

  @Test
  void zipArraysTurnsEveryArrayOfAnObjectIntoAColumn() {
    Map<String, Object> hourly = new LinkedHashMap<>();
    hourly.put("time", List.of("2025-01-01T00:00", "2025-01-01T01:00"));
    hourly.put("temperature_2m", List.of(1.5, 2.0));
    hourly.put("a/b", List.of(7L));
    hourly.put("unit", "not an array");
    Object body = Map.of("hourly", hourly);

    assertThat(
            RecordExtractor.extract(
                body, new Manifest.Records("/hourly", Map.of(), List.of(), null, true)))
        .containsExactly(
            Map.of("time", "2025-01-01T00:00", "temperature_2m", 1.5, "a/b", 7L),
            mapWithNull("time", "2025-01-01T01:00", "temperature_2m", 2.0, "a/b"));
  }

  private static Map<String, Object> mapWithNull(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    m.put((String) kv[kv.length - 1], null);
    return m;
  }

  @Test
  void linkHeadersAreParsedPerRelation() {
    String h =
        "<https://api.github.com/x?page=2>; rel=\"next\", <https://api.github.com/x?page=14>; rel=\"last\"";
    assertThat(StreamReader.linkRel(h, "next")).isEqualTo("https://api.github.com/x?page=2");
    assertThat(StreamReader.linkRel(h, "last")).isEqualTo("https://api.github.com/x?page=14");
    assertThat(StreamReader.linkRel(h, "prev")).isNull();
    assertThat(StreamReader.linkRel("<a,b>; rel=\"prev next\"", "next")).isEqualTo("a,b");
  }

  @Test
  void stateRoundTripsAndRefusesForeignShapes() {
    StateBook book = StateBook.from("s", Map.of());
    book.commit(
        "symbol=A", new StateBook.Position("2025-01-01T00:00:00Z", java.util.Set.of("2", "1")));
    Map<String, Object> snap = book.snapshot();

    assertThat(snap)
        .isEqualTo(
            Map.of(
                "partitions",
                Map.of(
                    "symbol=A",
                    Map.of("cursor", "2025-01-01T00:00:00Z", "keys", List.of("1", "2")))));
    assertThat(StateBook.from("s", snap).get("symbol=A").keys())
        .containsExactlyInAnyOrder("1", "2");
    assertThatThrownBy(() -> StateBook.from("s", Map.of("cursor", "x")))
        .hasMessageContaining("full refresh");
  }
}
