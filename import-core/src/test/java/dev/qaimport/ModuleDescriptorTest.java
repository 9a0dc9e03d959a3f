package dev.qaimport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.testing.ModuleDescriptors;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
    @Test
    void exportsOnlyTheApiPackages() {
        ModuleDescriptor d = ModuleDescriptors.compiled();

        assertThat(d.name()).isEqualTo("dev.qaimport.core");
        assertThat(ModuleDescriptors.exported(d)).containsExactly("dev.qaimport", "dev.qaimport.model", "dev.qaimport.payload",
                "dev.qaimport.spi", "dev.qaimport.validate");
        assertThat(d.packages()).contains("dev.qaimport.batch.internal", "dev.qaimport.embed.internal", "dev.qaimport.jobs.internal",
                "dev.qaimport.parse.internal");
        assertThat(d.opens()).isEmpty();
    }
}
