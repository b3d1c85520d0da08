package com.example.vshutdown.support.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.VPropertyProvider;

class ProviderOfferTest {
    /** A provider's settings, as its detection checked them. */
    record Settings(String root) {
    }

    static final class Fault extends ProviderFault {
        Fault(Map<String, ?> properties) {
            super(properties);
        }
    }

    final List<String> journal = new ArrayList<>();
    final FakeFactory<ConfigurationFault> faults = new FakeFactory<>("fault", Fault::new, journal);
    final FakeFactory<Object> nativeShutdown = new FakeFactory<>("native shutdown",
            p -> ProviderOffer.settings(p, Settings.class), journal);
    final FakeFactory<Object> vproperties = new FakeFactory<>("vproperties",
            p -> ProviderOffer.settings(p, Settings.class), journal);

    @Test
    void servicesAreOfferedInOrderWithTheRankingAnIntegerAndWithdrawnLastFirst() {
        ProviderOffer offer = ProviderOffer.services("linux", 100, new Settings("/sys/nk/prop"),
                List.of(nativeShutdown, vproperties), faults);
        assertEquals(List.of("native shutdown offered", "vproperties offered"), journal);
        Map<String, Object> properties = vproperties.lastProperties();
        assertEquals(Integer.valueOf(100), properties.get(Constants.SERVICE_RANKING));
        assertEquals("linux", properties.get(VPropertyProvider.PROVIDER_PROPERTY));
        // a private property: DS never makes it a service property
        assertEquals(new Settings("/sys/nk/prop"), properties.get(ProviderOffer.SETTINGS));
        assertEquals('.', ProviderOffer.SETTINGS.charAt(0));

        assertEquals(Optional.of(new Settings("/sys/nk/prop")), offer.instance(Settings.class), "what DS made");
        assertEquals(Optional.empty(), offer.instance(String.class));

        offer.close();
        offer.close();
        assertEquals(List.of("native shutdown offered", "vproperties offered", "vproperties withdrawn",
                "native shutdown withdrawn"), journal);
        assertEquals(Optional.empty(), offer.instance(Settings.class), "nothing once withdrawn");
    }

    @Test
    void aFaultIsOfferedAloneWithItsMessage() {
        ProviderOffer offer = ProviderOffer.fault("linux", faults, "vshutdown.linux.netlink.group: 'x' is not a number");
        assertEquals(List.of("fault offered"), journal);
        assertEquals("vshutdown.linux.netlink.group: 'x' is not a number", faults.lastProperties().get(ProviderFault.MESSAGE));
        assertEquals("linux", faults.lastProperties().get(VPropertyProvider.PROVIDER_PROPERTY));
        assertFalse(faults.lastProperties().containsKey(Constants.SERVICE_RANKING));
        offer.close();
        assertEquals(List.of("fault offered", "fault withdrawn"), journal);
    }

    /** SCR's exception carries no reason: that is why whatever can fail is checked before the offer. */
    @Test
    void aServiceThatFailsToStartWithdrawsTheOthersAndOffersTheFault() {
        FakeFactory<Object> broken = new FakeFactory<>("vproperties", p -> {
            throw new IllegalStateException("a bug");
        }, journal);
        ProviderOffer offer = ProviderOffer.services("qnx", 100, new Settings("x"), List.of(nativeShutdown, broken),
                faults);
        assertEquals(List.of("native shutdown offered", "vproperties failed", "native shutdown withdrawn",
                "fault offered"), journal);
        assertEquals("the qnx provider cannot start: Failed activating component",
                faults.lastProperties().get(ProviderFault.MESSAGE));
        offer.close();
        assertEquals("fault withdrawn", journal.get(journal.size() - 1));
    }

    @Test
    void whatCannotBeUsedIsAFaultSayingWhy() {
        ProviderOffer.cannotStart("qnx", faults, "cannot load the ddi library 'vshutdown_ddi': no such file");
        assertEquals(List.of("fault offered"), journal);
        assertEquals("the qnx provider cannot start: cannot load the ddi library 'vshutdown_ddi': no such file",
                faults.lastProperties().get(ProviderFault.MESSAGE));
    }

    @Test
    void aDecisionOnMalformedSettingsIsTheFaultNamingThem() {
        ProviderOffer.decide("linux", faults, () -> {
            throw new MalformedSettingException("vshutdown.linux.netlink.group: 'x' is not a number");
        });
        assertEquals(List.of("fault offered"), journal);
        assertEquals("vshutdown.linux.netlink.group: 'x' is not a number", faults.lastProperties().get(ProviderFault.MESSAGE));

        journal.clear();
        ProviderOffer.decide("linux", faults, () -> ProviderOffer.services("linux", 100, new Settings("/p"),
                List.of(vproperties), faults));
        assertEquals(List.of("vproperties offered"), journal);
    }

    @Test
    void nothingOffersNothing() {
        ProviderOffer.nothing().close();
        assertEquals(List.of(), journal);
    }

    @Test
    void aServiceMadeWithoutAnOfferRefusesToStartAndAFaultWithoutMessageToo() {
        assertThrows(IllegalStateException.class, () -> ProviderOffer.settings(Map.of(), Settings.class));
        assertThrows(IllegalArgumentException.class, () -> new Fault(Map.of(ProviderFault.MESSAGE, " ")));
    }
}
