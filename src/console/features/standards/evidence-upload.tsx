// Photos or PDFs uploaded as evidence while a form is filled in (the inspection form, a
// rectification report): each file goes up at once; the field's value is the evidence ids.
import { UploadOutlined } from '@ant-design/icons'
import { App, Button, Upload } from 'antd'
import { useRef } from 'react'
import { uploadEvidence } from './queries'

export function Evidence({ code, value = [], onChange, label = '上传照片或文件' }: { code: string; value?: string[]; onChange?: (v: string[]) => void; label?: string }) {
  const { message } = App.useApp()
  // Several files upload at once: each adds to the latest list, not to the one it started with.
  const latest = useRef(value)
  latest.current = value
  return (
    <Upload accept="image/jpeg,image/png,application/pdf" multiple listType="picture"
      customRequest={async ({ file, onSuccess, onError }) => {
        try { const r = await uploadEvidence(code, file as File); latest.current = [...latest.current, r.id]; onChange?.(latest.current); onSuccess?.(r) }
        catch (e: any) { message.error(e.message); onError?.(e) }
      }}>
      <Button icon={<UploadOutlined />}>{label}</Button>
    </Upload>
  )
}
