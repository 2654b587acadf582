/**
 * Demo application that gives the Hotpath profiler something to find: a slow endpoint, a
 * waiting endpoint, endpoints that spend their time in frameworks (JPA, Thymeleaf,
 * Jackson) and a built-in load generator.
 */
@org.jspecify.annotations.NullMarked
package dev.hotpath.demo;
