/** A portable handler: the same file runs on AWS Lambda, Cloud Run functions, Azure Functions and Workers. */
export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.headers.get("x-meridian-trigger") === "schedule") {
      console.log("scheduled run", await request.text());
      return new Response(null, { status: 204 });
    }
    return Response.json({
      hello: url.searchParams.get("name") ?? "world",
      path: url.pathname,
      greeting: process.env.GREETING,
      hasSecret: Boolean(process.env.API_TOKEN),
    });
  },
};
