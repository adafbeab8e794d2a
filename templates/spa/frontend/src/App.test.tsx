import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from './App.js';
import { ApiError, type Item, type ItemsApi } from './items-api.js';

const item = (id: string, name: string): Item => ({ id, name, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' });

function fakeApi(overrides: Partial<ItemsApi> = {}): ItemsApi {
  return {
    list: vi.fn(async () => [item('1', 'Tea'), item('2', 'Coffee')]),
    create: vi.fn(async ({ name }) => item('3', name)),
    remove: vi.fn(async () => {}),
    ...overrides,
  };
}

describe('the items page', () => {
  it('shows that it is loading, then the items', async () => {
    render(<App api={fakeApi()} title="Your items" />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(await screen.findByText('Tea')).toBeDefined();
    expect(screen.getByText('Coffee')).toBeDefined();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says so when the list cannot be loaded', async () => {
    render(<App api={fakeApi({ list: async () => Promise.reject(new ApiError(500, 'Internal server error')) })} title="Your items" />);
    expect((await screen.findByRole('alert')).textContent).toBe('Internal server error');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('creates an item and shows it first, clearing the field', async () => {
    const api = fakeApi();
    render(<App api={api} title="Your items" />);
    await screen.findByText('Tea');
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), '  Milk ');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(api.create).toHaveBeenCalledWith({ name: 'Milk' });
    const names = within(screen.getByRole('list')).getAllByRole('listitem').map((li) => li.querySelector('span')?.textContent);
    expect(names).toEqual(['Milk', 'Tea', 'Coffee']);
    expect((screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('');
  });

  it('shows an item once when the list loaded after it was stored, before its create answered', async () => {
    let answerCreate: (created: Item) => void = () => {};
    const api = fakeApi({ create: () => new Promise((resolve) => (answerCreate = resolve)) });
    let answerList: (items: Item[]) => void = () => {};
    api.list = () => new Promise((resolve) => (answerList = resolve));
    render(<App api={api} title="Your items" />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Milk');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    answerList([item('3', 'Milk'), item('1', 'Tea')]);
    await screen.findByText('Tea');
    answerCreate(item('3', 'Milk'));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Add' })).toHaveProperty('disabled', true));
    expect(screen.getAllByText('Milk')).toHaveLength(1);
  });

  it("shows the API's message when creating fails, and keeps the list", async () => {
    const api = fakeApi({ create: async () => Promise.reject(new ApiError(400, 'Invalid body.')) });
    render(<App api={api} title="Your items" />);
    await screen.findByText('Tea');
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Milk');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Invalid body.');
    expect(within(screen.getByRole('list')).getAllByRole('listitem')).toHaveLength(2);
  });

  it('deletes an item', async () => {
    const api = fakeApi();
    render(<App api={api} title="Your items" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete Tea' }));
    expect(api.remove).toHaveBeenCalledWith('1');
    expect(screen.queryByText('Tea')).toBeNull();
    expect(screen.getByText('Coffee')).toBeDefined();
  });

  it('does not offer to add an empty name', async () => {
    render(<App api={fakeApi()} title="Your items" />);
    await screen.findByText('Tea');
    expect((screen.getByRole('button', { name: 'Add' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
