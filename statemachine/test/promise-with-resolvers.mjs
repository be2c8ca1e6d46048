// aws-local-stepfunctions 3 calls Promise.withResolvers, which Node gained in version 22.
// Node 20 is what the build machines run, so supply it when it is missing.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
