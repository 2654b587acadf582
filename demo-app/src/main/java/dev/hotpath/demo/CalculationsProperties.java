package dev.hotpath.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the demo's calculations, bound from {@code demo.calculations.*}.
 *
 * @param implementation which implementation of the bottleneck {@code GET
 * /calculate2/{number}} starts with: {@code naive} ({@code calc3}) or {@code fixed}
 * ({@code calc3Fixed}); {@code POST /demo/implementation?use=} changes it at run time
 * @author Hotpath contributors
 */
@ConfigurationProperties("demo.calculations")
record CalculationsProperties(@DefaultValue("naive") Calculations.Implementation implementation) {

}
