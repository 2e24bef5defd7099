// Records the JavaScript program with meridian/testing from plain Node.js and prints a summary line.
"use strict";
const path = require("path");
const { programFromFile, recordPlan, findResources } = require("meridian/testing");

recordPlan(programFromFile(path.join(__dirname, "index.js")), { project: "consumer-js", stack: "dev" }).then(
  (plan) => {
    const lambdas = findResources(plan, "aws:lambda/function:Function").length;
    if (lambdas !== 1) throw new Error(`expected 1 Lambda function, got ${lambdas}`);
    console.log(`recorded ${plan.resources.length} resources (${lambdas} Lambda function) from JavaScript`);
    process.exit(0);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
