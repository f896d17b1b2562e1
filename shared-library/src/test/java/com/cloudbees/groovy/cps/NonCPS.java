package com.cloudbees.groovy.cps;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A stand-in for groovy-cps's annotation of the same name, so that vars/ compile in the recorded-steps
 * harness (plain Groovy, not Jenkins' CPS interpreter, which it marks methods to run outside of).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NonCPS {}
