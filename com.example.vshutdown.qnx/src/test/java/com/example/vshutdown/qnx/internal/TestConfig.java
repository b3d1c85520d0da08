package com.example.vshutdown.qnx.internal;

import java.lang.annotation.Annotation;

/** A configuration as SCR would hand it over, with the defaults of {@link QnxProviderComponent.Config}. */
final class TestConfig implements QnxProviderComponent.Config {
    String enabled = "";
    String library = "";
    String[] libraryPath = {};
    long waitTimeoutMs = 500;
    int serviceRanking = 100;
    String[] shutdownCommand = {"shutdown", "-S", "system"};
    String[] rebootCommand = {"shutdown", "-S", "reboot"};
    long nativeTimeoutMs = 30000;

    @Override
    public Class<? extends Annotation> annotationType() {
        return QnxProviderComponent.Config.class;
    }

    @Override
    public String enabled() {
        return enabled;
    }

    @Override
    public String library() {
        return library;
    }

    @Override
    public String[] library_path() {
        return libraryPath;
    }

    @Override
    public long wait_timeout_ms() {
        return waitTimeoutMs;
    }

    @Override
    public int service_ranking() {
        return serviceRanking;
    }

    @Override
    public String[] shutdown_command() {
        return shutdownCommand;
    }

    @Override
    public String[] reboot_command() {
        return rebootCommand;
    }

    @Override
    public long native_timeout_ms() {
        return nativeTimeoutMs;
    }
}
