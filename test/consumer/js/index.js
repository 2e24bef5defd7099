// A plain JavaScript Pulumi program using Meridian (no TypeScript anywhere).
"use strict";
const path = require("path");
const { ServerlessFunction } = require("meridian");

const fn = new ServerlessFunction("js-hello", {
  target: "aws:eu-west-1",
  runtime: "nodejs22",
  entry: path.join(__dirname, "handler.js"),
  url: true,
});

exports.url = fn.url;
