package io.regioncache.jcache;

import java.lang.management.ManagementFactory;
import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Registers a cache's MXBeans on the platform MBean server, under the names JCache gives them:
 * {@code javax.cache:type=CacheConfiguration|CacheStatistics,CacheManager=<uri>,Cache=<name>}.
 */
final class ManagementBeans {

    static final String CONFIGURATION = "CacheConfiguration";
    static final String STATISTICS = "CacheStatistics";

    private ManagementBeans() {
    }

    static <T> void register(T bean, Class<T> mxBeanInterface, String type, String managerUri, String cacheName) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = name(type, managerUri, cacheName);
        if (server.isRegistered(name)) {
            return; // enabling twice is allowed and changes nothing
        }
        try {
            server.registerMBean(new StandardMBean(bean, mxBeanInterface, true), name);
        } catch (InstanceAlreadyExistsException e) {
            // Registered by a concurrent enable: the same.
        } catch (JMException e) {
            throw new CacheException("cannot register the MXBean " + name, e);
        }
    }

    static void unregister(String type, String managerUri, String cacheName) {
        ObjectName name = name(type, managerUri, cacheName);
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // Not registered: disabling twice is allowed.
        } catch (JMException e) {
            throw new CacheException("cannot unregister the MXBean " + name, e);
        }
    }

    private static ObjectName name(String type, String managerUri, String cacheName) {
        try {
            return new ObjectName("javax.cache:type=" + type + ",CacheManager=" + safe(managerUri) + ",Cache="
                    + safe(cacheName));
        } catch (JMException e) {
            throw new CacheException("no MXBean name can be made for the cache " + cacheName, e);
        }
    }

    /** Characters that would end a property of an ObjectName become dots. */
    private static String safe(String text) {
        return text == null ? "" : text.replaceAll(":|=|\n|,", ".");
    }
}
