import { Route, Routes } from 'react-router';
import { ExportPage } from './ExportPage';
import { HasilSiksPage } from './HasilSiksPage';
import { TemplateEditorPage } from './TemplateEditor';

export function ExportsRoutes() {
  return (
    <Routes>
      <Route index element={<ExportPage />} />
      <Route path="templat/:id" element={<TemplateEditorPage />} />
      <Route path="hasil-siks" element={<HasilSiksPage />} />
    </Routes>
  );
}
