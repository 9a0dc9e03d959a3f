package dev.qaimport.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qaimport.testing.ModuleDescriptors;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
    @Test
    void exportsOnlyTheBindingPackage() {
        ModuleDescriptor d = ModuleDescriptors.compiled();

        assertThat(d.name()).isEqualTo("dev.qaimport.micrometer");
        assertThat(ModuleDescriptors.exported(d)).containsExactly("dev.qaimport.micrometer");
        assertThat(d.packages()).contains("dev.qaimport.micrometer.internal");
        assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name).contains("dev.qaimport.core", "micrometer.core");
    }
}
