package dev.qaimport.embed.internal;

import dev.qaimport.spi.EmbeddingRepository.PendingPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/** The pairs of one call to the provider and what became of them; filled by its task, read by the writer. */
final class Group {
    static final Group END = new Group(List.of());

    final List<PendingPair> pairs;
    final Map<String, String> textByKey = new LinkedHashMap<>();
    final Map<UUID, String> keyByPair = new HashMap<>();
    Map<String, float[]> cached = Map.of();
    final Map<String, float[]> fresh = new HashMap<>();
    final Map<String, String> rejected = new HashMap<>();
    /** Keys this group sends; other groups may borrow them. */
    final List<String> sends = new ArrayList<>();
    /** Keys another group of the run is sending, and which. */
    final Map<String, Group> borrowed = new HashMap<>();
    /** Borrowed keys whose vector the other group stored. */
    final Set<String> stored = new HashSet<>();
    /** Opens once this group's requests are done and its vectors stored (or it gave up). */
    final CountDownLatch sent = new CountDownLatch(1);
    Throwable failure;

    Group(List<PendingPair> pairs) {
        this.pairs = pairs;
    }
}
