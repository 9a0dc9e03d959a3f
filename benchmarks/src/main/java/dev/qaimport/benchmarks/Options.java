package dev.qaimport.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsed command-line arguments: positional words and {@code --name value} / {@code --flag} options. */
final class Options {
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> named = new LinkedHashMap<>();

    Options(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    named.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    named.put(name, args.get(++i));
                } else {
                    named.put(name, "true");
                }
            } else {
                positional.add(arg);
            }
        }
    }

    List<String> positional() {
        return positional;
    }

    String get(String name, String fallback) {
        return named.getOrDefault(name, fallback);
    }

    String require(String name) {
        String value = named.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(named.getOrDefault(name, "false"));
    }

    int intValue(String name, int fallback) {
        String value = named.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is not a number: " + value, e);
        }
    }

    /** A comma-separated list, or {@code fallback} when absent. */
    List<String> list(String name, List<String> fallback) {
        String value = named.get(name);
        return value == null ? fallback : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
