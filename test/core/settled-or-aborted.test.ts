import { settledOrAborted } from '../../src/core/settled-or-aborted';

describe('settledOrAborted', () => {
  it("answers the promise's value or rejection when it settles first, and leaves no abort listener behind", async () => {
    const controller = new AbortController();
    const add = jest.spyOn(controller.signal, 'addEventListener');
    const remove = jest.spyOn(controller.signal, 'removeEventListener');
    await expect(settledOrAborted(Promise.resolve(1), controller.signal, () => 'aborted')).resolves.toBe(1);
    await expect(settledOrAborted(Promise.reject(new Error('no')), controller.signal, () => 'aborted')).rejects.toThrow('no');
    expect(add).toHaveBeenCalledTimes(2);
    expect(remove).toHaveBeenCalledTimes(2);
  });

  it("answers aborted()'s value, or rejects with what it throws, once the signal aborts first (or had aborted)", async () => {
    const never = new Promise<number>(() => undefined);
    const controller = new AbortController();
    const stopped = settledOrAborted(never, controller.signal, () => 'stopped');
    const thrown = settledOrAborted(never, controller.signal, () => {
      throw new Error('cancelled');
    });
    controller.abort();
    await expect(stopped).resolves.toBe('stopped');
    await expect(thrown).rejects.toThrow('cancelled');
    await expect(settledOrAborted(never, controller.signal, () => 'late')).resolves.toBe('late');
  });
});
