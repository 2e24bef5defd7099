export default {
  fetch() {
    return new Response("hello from an ES module");
  },
};
