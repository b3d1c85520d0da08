package com.example.vshutdown.master.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON writer, read back by a real parser: every string survives, whatever it holds. */
class JsonTest {
    private static final ObjectMapper PARSER = new ObjectMapper();

    @Test
    void everyStringSurvivesTheRoundTripAndTheDocumentIsAscii() throws Exception {
        List<String> strings = List.of("", "plain", "quote \" and backslash \\", "line\nbreak\r\ttab\b\f",
                "nul \u0000 and \u001f and del \u007f", "café, Ünïcödé, 日本語", "emoji \ud83d\ude00",
                "line separator \u2028 paragraph \u2029", "</script>", "'single'");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("strings", strings);

        String json = Json.write(doc);

        assertTrue(json.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\n'), json);
        JsonNode read = PARSER.readTree(json);
        List<String> back = new ArrayList<>();
        read.get("strings").forEach(node -> back.add(node.textValue()));
        assertEquals(strings, back);
    }

    @Test
    void numbersBooleansNullsAndNestingKeepTheirTypesAndOrder() throws Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", Long.MAX_VALUE);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("int", 42);
        doc.put("long", -7L);
        doc.put("yes", true);
        doc.put("none", null);
        doc.put("empty list", List.of());
        doc.put("empty map", Map.of());
        doc.put("inner", inner);
        doc.put("list", Arrays.asList(1, "two", null, false));

        JsonNode read = PARSER.readTree(Json.write(doc));

        assertEquals(42, read.get("int").intValue());
        assertEquals(-7L, read.get("long").longValue());
        assertTrue(read.get("yes").booleanValue());
        assertTrue(read.get("none").isNull());
        assertEquals(0, read.get("empty list").size());
        assertTrue(read.get("empty map").isObject());
        assertEquals(Long.MAX_VALUE, read.get("inner").get("a").longValue());
        assertEquals(List.of("z", "a"), iterate(read.get("inner").fieldNames()));
        assertEquals("[1,\"two\",null,false]", read.get("list").toString());
        assertEquals(List.of("int", "long", "yes", "none", "empty list", "empty map", "inner", "list"),
                iterate(read.fieldNames()));
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
