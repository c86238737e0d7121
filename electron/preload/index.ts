/**
 * The renderer's only door to the main side: one object, `window.dinsos`, whose type comes from the contract.
 * No ipcRenderer, Node or SQL reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { DinsosBridge } from '../../shared/api/contract';

const bridge: DinsosBridge = {
  call: (name, input) => ipcRenderer.invoke('dinsos:call', name, input),
  // A picked file goes over as its path on disk; the main side streams it into the data folder. Only a file
  // the page made itself (a thumbnail) has no path: its few bytes go instead (the main side caps them).
  upload: async (file, purpose) => {
    const path = webUtils.getPathForFile(file);
    const source = path ? { path } : { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    return ipcRenderer.invoke('dinsos:upload', source, purpose);
  },
  platform: 'desktop',
};

contextBridge.exposeInMainWorld('dinsos', bridge);
