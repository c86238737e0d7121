/**
 * The renderer's only door to the main side: one object, `window.dinsos`, whose type comes from the contract.
 * No ipcRenderer, Node or SQL reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { DinsosBridge } from '../../shared/api/contract';

const bridge: DinsosBridge = {
  call: (name, input) => ipcRenderer.invoke('dinsos:call', name, input),
  platform: 'desktop',
};

contextBridge.exposeInMainWorld('dinsos', bridge);
