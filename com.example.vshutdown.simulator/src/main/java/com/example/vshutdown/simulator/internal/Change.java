package com.example.vshutdown.simulator.internal;

/**
 * One change of a vproperty with the value it was changed to. SPI listeners are told only the name;
 * the value lets the simulator's own observers (logs, tests) see every step, even one that a later
 * change overwrote before anybody re-read it.
 *
 * @param name the property
 * @param value the value it was set to, or null when it was removed (its domain was destroyed)
 */
record Change(String name, String value) {
}
