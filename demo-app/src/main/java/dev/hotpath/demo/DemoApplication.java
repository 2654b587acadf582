package dev.hotpath.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the Hotpath demo. Starting it also starts a small load generator (see
 * {@link LoadGenerator}) that keeps two threads busy calling the demo endpoints, so
 * profiles have data within a minute; set {@code demo.load.enabled=false} to turn that
 * off.
 *
 * @author Hotpath contributors
 */
@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public final class DemoApplication {

	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
