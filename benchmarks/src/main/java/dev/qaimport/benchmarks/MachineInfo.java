package dev.qaimport.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the figures were measured on: CPUs, memory, JVM, database servers, and the load at the start. */
record MachineInfo(int cpus, String cpuModel, String memory, String java, String os, String loadAverage, Map<Database, String> databases) {

    static MachineInfo probe(Databases databases, List<Database> which) {
        Map<Database, String> versions = new LinkedHashMap<>();
        for (Database db : which) {
            versions.put(db, databases.version(db));
        }
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), probeCpuModel(), probeMemory(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                currentLoadAverage(), versions);
    }

    /** The 1, 5 and 15 minute load averages now, or "unknown". */
    static String currentLoadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| | |\n|---|---|\n");
        md.append("| CPUs (`nproc`) | ").append(cpus).append(" |\n");
        md.append("| CPU model | ").append(cpuModel).append(" |\n");
        md.append("| memory | ").append(memory).append(" |\n");
        md.append("| Java | ").append(java).append(" |\n");
        md.append("| OS | ").append(os).append(" |\n");
        databases.forEach((db, version) -> md.append("| ").append(db.label()).append(" | ").append(version.replace("|", "/")).append(" |\n"));
        md.append("| load average at start (1/5/15 min) | ").append(loadAverage).append(" |\n");
        return md.toString();
    }

    private static String probeCpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String probeMemory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Stats.decimal(Long.parseLong(l.replaceAll("[^0-9]", "")) / (1024.0 * 1024.0), 1) + " GiB")
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
