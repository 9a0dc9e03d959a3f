package dev.qaimport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.testing.ModuleDescriptors;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
    @Test
    void exportsOnlyTheStoreAndOpensOnlyTheSchemaSql() {
        ModuleDescriptor d = ModuleDescriptors.compiled();

        assertThat(d.name()).isEqualTo("dev.qaimport.jdbc");
        assertThat(ModuleDescriptors.exported(d)).containsExactly("dev.qaimport.jdbc");
        assertThat(d.opens()).extracting(ModuleDescriptor.Opens::source).containsExactly("dev.qaimport.jdbc.schema");
        assertThat(d.requires()).filteredOn(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .extracting(ModuleDescriptor.Requires::name)
                .containsExactlyInAnyOrder("com.zaxxer.hikari", "org.postgresql.jdbc", "org.mariadb.jdbc");
    }
}
