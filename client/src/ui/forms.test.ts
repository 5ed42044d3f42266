import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { h } from './dom';
import { saveOnChange } from './forms';

describe('a control that saves on change', () => {
  const select = () => {
    const control = h('select', {}, h('option', { value: 'facilitator', selected: true }, 'Facilitator'), h('option', { value: 'member' }, 'Member'));
    document.body.replaceChildren(control);
    return control;
  };
  const change = async (control: HTMLSelectElement, value: string) => {
    control.value = value;
    control.dispatchEvent(new Event('change'));
    await new Promise((resolve) => setTimeout(resolve, 0));
  };

  it('goes back to the value it had when the save is refused, and shows why', async () => {
    const alert = h('p', { hidden: true });
    const control = saveOnChange(select(), () => Promise.reject(new ApiError(409, 'group.last-facilitator', 'A group needs a facilitator.')), alert);
    await change(control, 'member');
    expect(control.value).toBe('facilitator');
    expect(alert.hidden).toBe(false);
    expect(alert.textContent).toBe('A group needs a facilitator.');
  });

  it('keeps the new value when the save succeeds, and goes back to that one after a later refusal', async () => {
    let refuse = false;
    const control = saveOnChange(select(), async () => (refuse ? false : true));
    await change(control, 'member');
    expect(control.value).toBe('member');
    refuse = true;
    await change(control, 'facilitator');
    expect(control.value).toBe('member');
  });

  it('goes back to what a live update had set since it was drawn', async () => {
    const control = saveOnChange(select(), async () => false);
    control.value = 'member'; // drawn again from a newer view
    control.dispatchEvent(new Event('focus'));
    await change(control, 'facilitator');
    expect(control.value).toBe('member');
  });

  it('puts a checkbox back as well, to the opposite of what the person ticked', async () => {
    const box = h('input', { type: 'checkbox' });
    saveOnChange(box, () => Promise.resolve(false));
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(box.checked).toBe(false);
  });
});
