export { startDevServer, DevServerError } from "./server";
export type { DevServer, DevServerOptions, ServedTarget } from "./server";
export { evaluateForDev } from "./stack";
export type { DevApi, DevFunction, DevStack } from "./stack";
export { RouteTable } from "./routes";
export { verifyBearer } from "./jwt";
export { parseDotenv, readDotenv } from "./dotenv";
export { serveLimits } from "./limits";
