/**
 * The app stack: one program, three environments (stacks/Pulumi.<env>.yaml). It composes Meridian's
 * components from the validated stack config.
 */
import { loadAppConfig } from "./config";

const config = loadAppConfig();

export const environment = config.environment;
export const regions = config.regions;
