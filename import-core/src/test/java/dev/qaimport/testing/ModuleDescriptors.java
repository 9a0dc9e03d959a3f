package dev.qaimport.testing;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Reads the module descriptor a module's build compiled, so that tests can check what it exports. */
public final class ModuleDescriptors {
    private ModuleDescriptors() {
    }

    /**
     * The descriptor in {@code target/classes} of the module under test (surefire runs in the
     * module's folder), with the packages found there.
     */
    public static ModuleDescriptor compiled() {
        Set<ModuleReference> found = ModuleFinder.of(Path.of("target", "classes")).findAll();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one module in target/classes, found " + found.size());
        }
        return found.iterator().next().descriptor();
    }

    /** The packages exported to everyone. */
    public static Set<String> exported(ModuleDescriptor d) {
        return d.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
