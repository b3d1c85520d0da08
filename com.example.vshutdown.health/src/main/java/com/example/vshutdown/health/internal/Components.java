package com.example.vshutdown.health.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * What SCR says of a component of another bundle (its runtime DTOs): whether it is there, its
 * configurations, their state and what each has bound. The checks judge the components the way an
 * operator does with {@code scr:info}, without reaching into the bundles that declare them.
 */
final class Components {
    private Components() {
    }

    /** The configurations of the component of that name, or empty when no bundle declares it. */
    static Optional<List<ComponentConfigurationDTO>> configurations(ServiceComponentRuntime scr, String name) {
        return scr.getComponentDescriptionDTOs().stream()
                .filter(description -> description.name.equals(name))
                .findFirst()
                .map(description -> List.copyOf(scr.getComponentConfigurationDTOs(description)));
    }

    /** Whether the configuration's reference of that name has a service bound. */
    static boolean bound(ComponentConfigurationDTO configuration, String reference) {
        return Arrays.stream(configuration.satisfiedReferences)
                .anyMatch(bound -> bound.name.equals(reference) && bound.boundServices.length > 0);
    }

    /** An active (or satisfied, not yet asked for) configuration: its references are there. */
    static boolean satisfied(ComponentConfigurationDTO configuration) {
        return configuration.state == ComponentConfigurationDTO.ACTIVE
                || configuration.state == ComponentConfigurationDTO.SATISFIED;
    }

    /** Why a configuration is not satisfied, in the words of scr:info. */
    static String why(ComponentConfigurationDTO configuration) {
        return switch (configuration.state) {
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "no " + Arrays.stream(
                    configuration.unsatisfiedReferences).map(reference -> reference.name)
                    .collect(Collectors.joining(", ")) + " bound";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "it failed to start: " + firstLine(configuration.failure);
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "its configuration is missing";
            default -> "state " + configuration.state;
        };
    }

    static String describe(ComponentDescriptionDTO description) {
        return description.name + " of " + description.bundle.symbolicName;
    }

    private static String firstLine(String text) {
        return text == null ? "(no reason given)" : text.lines().findFirst().orElse(text);
    }
}
